import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoFleet from '../../../resources/sim/demo-fleet.json';
import { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import { startProbeHarness, type ProbeHarness } from '../../testkit/sim-harness';

let h: ProbeHarness;

beforeAll(async () => {
  h = await startProbeHarness(demoFleet);
});
afterAll(async () => {
  await h?.close();
});

const EXPECTED: Record<string, string[]> = {
  'home-cumulus-1': [],
  'home-cumulus-arcane': [],
  'vps-nimbus-1': [],
  'dc-stratus-arcane': [],
  'old-cumulus-expired': ['NODE_EXPIRED'],
  'nimbus-dos': ['NODE_DOS'],
  'fresh-stratus-started': ['NODE_STARTED'],
  'cumulus-bench-failed': ['BENCHMARK_FAILED'],
  'nimbus-lagging': ['DAEMON_BEHIND'],
  'cumulus-near-deadline': ['CONFIRMATION_OVERDUE'],
  'stratus-lowdisk-mongod-down': ['DISK_LOW', 'SERVICE_DOWN'],
  'upnp-outdated-hostile': ['FLUXOS_OUTDATED'],
};

describe('the 12-node demo fleet', () => {
  it('every troubled node shows its problem codes and the healthy ones are ok', async () => {
    const statuses = await Promise.all(Object.keys(EXPECTED).map((name) => h.status(name)));
    const seen = Object.fromEntries(statuses.map((s) => [s.name, s.problems.map((p) => p.code).sort()]));
    expect(seen).toEqual(EXPECTED);
    for (const s of statuses) expect(NodeStatus.parse(s)).toEqual(s);
    const health = Object.fromEntries(statuses.map((s) => [s.name, s.health]));
    expect(health).toEqual({
      'home-cumulus-1': 'ok',
      'home-cumulus-arcane': 'ok',
      'vps-nimbus-1': 'ok',
      'dc-stratus-arcane': 'ok',
      'old-cumulus-expired': 'critical',
      'nimbus-dos': 'critical',
      'fresh-stratus-started': 'warning',
      'cumulus-bench-failed': 'critical',
      'nimbus-lagging': 'warning',
      'cumulus-near-deadline': 'warning',
      'stratus-lowdisk-mongod-down': 'critical',
      'upnp-outdated-hostile': 'critical',
    });
  });

  it('legacy nodes are read over SSH, ArcaneOS nodes only over the API', async () => {
    const legacy = await h.probe('home-cumulus-1');
    expect(legacy.ssh.attempted).toBe(true);
    const arcane = await h.probe('home-cumulus-arcane');
    expect(arcane.ssh).toEqual({ attempted: false, reason: 'arcane' });

    const s = await h.status('stratus-lowdisk-mongod-down');
    expect(s.services).toMatchObject({ zelcash: 'active', mongod: 'inactive', docker: 'active' });
    expect(s.system?.diskTotalBytes).toBe(944892805120);
    expect(s.system?.diskFreeBytes).toBe(944892805120 - 916545921024);
    expect(s.system).toMatchObject({ cores: 16, arch: 'x86_64' });
    expect(s.problems.find((p) => p.code === 'SERVICE_DOWN')?.message).toContain('mongod inactive');
  });

  it('fills rank, next payment, maintenance window and facts for a healthy node', async () => {
    const s = await h.status('vps-nimbus-1');
    const rank = s.fluxnode?.rank;
    expect(typeof rank).toBe('number');
    expect(s.nextPaymentSeconds).toBe((rank! + 1) * 30);
    expect(s.referenceHeight).toBe(h.fleet.handle.height);
    expect(s.blocksBehind).toBe(0);
    expect(s.maintenanceWindowBlocks).toBeGreaterThan(0);
    expect(s.maintenanceWindowSeconds).toBe(s.maintenanceWindowBlocks! * 30);
    expect(s.fluxnode).toMatchObject({ status: 'CONFIRMED', tier: 'NIMBUS', amount: 12500 });
    expect(s.daemon).toEqual({ blocks: h.fleet.handle.height, version: '9.0.6-50', connections: expect.any(Number) as number });
    expect(s.flux).toMatchObject({ version: '8.17.0', arcaneOS: false });
    expect(s.benchmark).toMatchObject({ status: 'NIMBUS', version: '6.3.1' });
    expect(s.apps[0]).toMatchObject({ image: 'runonflux/website:latest', state: 'running' });

    const expired = await h.status('old-cumulus-expired');
    expect(expired.fluxnode?.status).toBe('EXPIRED');
    expect(expired.fluxnode?.rank).toBeNull();
    expect(expired.nextPaymentSeconds).toBeNull();
  });

  it('hostile app names and images arrive as plain text', async () => {
    const s = await h.status('upnp-outdated-hostile');
    const text = JSON.stringify(s.apps);
    expect(s.apps.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\\u001b|\\u0007/);
    expect(text).not.toContain('ZWNobyBwd25lZA==');
  });

  it('a state change through the sim handle shows on the next probe after the cache window', async () => {
    const before = await h.status('home-cumulus-1');
    expect(before.health).toBe('ok');
    h.fleet.handle.setState('home-cumulus-1', { fluxnodeStatus: { status: 'expired' } });
    h.advance(31_000);
    const after = await h.status('home-cumulus-1');
    expect(after.fluxnode?.status).toBe('EXPIRED');
    expect(after.problems.map((p) => p.code)).toEqual(['NODE_EXPIRED']);
    expect(after.health).toBe('critical');
    const neighbour = await h.status('vps-nimbus-1');
    expect(neighbour.health).toBe('ok');
  });
});
