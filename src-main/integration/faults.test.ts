import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../src-shared/contract';
import type { Faults } from '../sim';
import { FAST_PROBE, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { problemCodes } from '../testkit/fleet/problem-codes';

/**
 * Faults isolate: one simulated node per SSH/API fault beside two healthy ones, polled through the
 * real composition root on a short interval. Each fault shows as its own problem code on its own
 * node, the healthy nodes stay ok, and unreachable nodes back off without holding the fleet up.
 */

const FAULTS: Record<string, Faults> = {
  'no-banner': { sshNoBanner: true },
  'half-open': { sshHalfOpen: true },
  'drop-mid-exec': { sshDropMidExec: true },
  'reject-auth': { sshRejectAuth: true },
  'new-host-key': { sshNewHostKey: true },
  'huge-output': { sshHugeOutput: 2 * 1024 * 1024 },
  'ansi-output': { ansiOutput: true },
  'max-sessions-1': { sshMaxSessions: 1 },
  'api-hang': { apiHang: true },
  'api-down': { apiDown: true },
  'api-html': { apiHtml: ['/daemon/getinfo'] },
  'api-truncated': { apiTruncatedJson: ['/daemon/getfluxnodestatus'] },
  'api-proto-keys': { apiProtoKeys: true },
  'api-error-envelope': { apiErrorEnvelope: ['/daemon/getfluxnodestatus'] },
};

const EXPECTED: Record<string, { health: NodeStatus['health']; codes: string[] }> = {
  'healthy-legacy': { health: 'ok', codes: [] },
  'healthy-arcane': { health: 'ok', codes: [] },
  'no-banner': { health: 'warning', codes: ['SSH_UNREACHABLE'] },
  'half-open': { health: 'warning', codes: ['SSH_UNREACHABLE'] },
  'drop-mid-exec': { health: 'warning', codes: ['SSH_UNREACHABLE'] },
  'reject-auth': { health: 'warning', codes: ['AUTH_FAILED'] },
  'new-host-key': { health: 'critical', codes: ['HOST_KEY_MISMATCH'] },
  'huge-output': { health: 'warning', codes: ['BAD_RESPONSE'] },
  'ansi-output': { health: 'ok', codes: [] },
  'max-sessions-1': { health: 'ok', codes: [] },
  'api-hang': { health: 'unreachable', codes: ['UNREACHABLE'] },
  'api-down': { health: 'unreachable', codes: ['UNREACHABLE'] },
  'api-html': { health: 'warning', codes: ['BAD_RESPONSE'] },
  'api-truncated': { health: 'critical', codes: ['BAD_RESPONSE', 'NODE_STATUS_UNREADABLE'] },
  'api-proto-keys': { health: 'critical', codes: ['BAD_RESPONSE', 'NODE_STATUS_UNREADABLE'] },
  'api-error-envelope': { health: 'warning', codes: ['API_ERROR'] },
};

const INTERVAL_MS = 1_500;
let h: FleetHarness;
const codes = problemCodes;

beforeAll(async () => {
  h = await startFleetHarness(
    {
      nodes: [
        { name: 'healthy-legacy', preset: 'healthy-cumulus-legacy' },
        { name: 'healthy-arcane', preset: 'healthy-nimbus-arcane' },
        ...Object.entries(FAULTS).map(([name, faults]) => ({ name, preset: 'healthy-cumulus-legacy' as const, faults })),
      ],
      network: { height: 2_100_000 },
    },
    // Deadline above the probe's own (1.5 s API, 1.5 s handshake, 3 s exec): faults end as typed errors.
    // fluxd's answers through FluxOS (as on API-only nodes), so FluxOS relaying them badly shows.
    { poller: { intervalMs: INTERVAL_MS, deadlineMs: 6_000, concurrency: 8 }, probe: { ...FAST_PROBE, prober: { ...FAST_PROBE.prober, daemonFactsVia: 'api' } } },
  );
  await h.pollCycle(undefined, 30_000);
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

describe('faults through the wired pipeline', () => {
  it('every fault shows its own problem code on its own node; the healthy nodes stay ok', () => {
    const seen = Object.fromEntries([...h.statuses()].map(([name, s]) => [name, { health: s.health, codes: codes(s) }]));
    expect(seen).toEqual(EXPECTED);

    // What each fault leaves visible: API facts survive SSH faults and the reverse.
    expect(h.statusOf('no-banner').fluxnode?.status).toBe('CONFIRMED');
    expect(h.statusOf('reject-auth').fluxnode?.status).toBe('CONFIRMED');
    expect(h.statusOf('api-hang').services).toMatchObject({ zelcash: 'active' });
    expect(h.statusOf('api-hang').problems[0]!.message).toMatch(/1500 ms/);
    expect(h.statusOf('api-down').problems[0]!.message).toMatch(/ECONNREFUSED/);
    expect(h.statusOf('api-html').problems[0]!.message).toContain('/daemon/getinfo');
    expect(h.statusOf('ansi-output').system?.arch).toBe('x86_64');
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('a changed host key is logged as a critical event on that node', () => {
    const events = h.services.monitor.events(h.idOf('new-host-key'), 50);
    expect(events.find((e) => e.kind === 'hostkey-mismatch')).toMatchObject({ severity: 'critical', message: expect.stringContaining('Host key changed') as string });
    expect(h.services.monitor.events(h.idOf('healthy-legacy'), 50).filter((e) => e.kind.startsWith('hostkey-mismatch'))).toEqual([]);
  });

  it('healthy nodes keep their schedule while the unreachable ones back off', async () => {
    const polledAt = new Map<string, Set<number>>();
    const sample = () => {
      for (const [name, s] of h.statuses()) {
        if (s.lastPolledAt === null) continue;
        const seen = polledAt.get(name) ?? new Set<number>();
        seen.add(s.lastPolledAt);
        polledAt.set(name, seen);
      }
    };
    sample();
    const before = new Map([...polledAt].map(([name, set]) => [name, Math.max(...set)]));
    const windowMs = 6 * INTERVAL_MS;
    const started = Date.now();
    while (Date.now() - started < windowMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sample();
    }
    const newPolls = (name: string): number => [...(polledAt.get(name) ?? [])].filter((at) => at > before.get(name)!).length;

    // About one poll per interval (±15 % jitter); at least half of them, whatever the load.
    for (const name of ['healthy-legacy', 'healthy-arcane', 'api-html', 'no-banner']) expect(newPolls(name), name).toBeGreaterThanOrEqual(3);
    // Unreachable: interval × 2, × 4, … so at most two polls in six intervals.
    for (const name of ['api-hang', 'api-down']) {
      expect(newPolls(name), name).toBeLessThanOrEqual(2);
      expect(h.statusOf(name).health).toBe('unreachable');
    }
    expect(h.statusOf('healthy-legacy').health).toBe('ok');
    expect(h.statusOf('healthy-arcane').health).toBe('ok');
  }, 30_000);

  it('a node whose fault clears is ok again at the next poll', async () => {
    await h.sim.handle.clearFaults('api-hang');
    // A poll already hanging when the fault cleared still ends unreachable; the one after it is the next poll.
    await h.pollCycle(['api-hang'], 15_000);
    if (h.statusOf('api-hang').health === 'unreachable') await h.pollCycle(['api-hang'], 15_000);
    const status = h.statusOf('api-hang');
    expect(status.health).toBe('ok');
    expect(status.problems).toEqual([]);
    const events = h.services.monitor.events(h.idOf('api-hang'), 50);
    expect(events.find((e) => e.kind === 'health' && e.message.includes('unreachable → ok'))).toBeDefined();
  }, 30_000);
});
