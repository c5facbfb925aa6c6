import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { Faults } from '../../sim/faults';
import { startProbeHarness, type ProbeHarness } from '../../testkit/sim-harness';

let h: ProbeHarness;
const codes = (s: NodeStatus): string[] => s.problems.map((p) => p.code).sort();

beforeAll(async () => {
  h = await startProbeHarness(
    {
      nodes: [
        { name: 'victim', preset: 'healthy-cumulus-legacy' },
        { name: 'bystander', preset: 'healthy-nimbus-legacy' },
      ],
    },
    // FluxOS route faults: fluxd's answers are read through FluxOS here, as on API-only nodes, so
    // a FluxOS that relays them badly shows (over SSH they skip FluxOS: cli-facts.test.ts).
    { apiTimeoutMs: 800, sshTimeoutMs: 1_000, daemonFactsVia: 'api' },
  );
  // First poll: learns each node's OS and pins nothing new (host keys come from the inventory).
  expect((await h.status('victim')).health).toBe('ok');
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.fleet.handle.clearFaults('victim');
  const target = h.sshTarget('victim');
  h.ssh.pool.evict(target);
  h.ssh.pool.resetBackoff(target);
  h.advance(31_000);
});

async function withFault(faults: Faults): Promise<NodeStatus> {
  await h.fleet.handle.setFaults('victim', faults);
  const [victim, bystander] = await Promise.all([h.status('victim'), h.status('bystander')]);
  // Faults stay on their node.
  expect(bystander.health).toBe('ok');
  expect(bystander.problems).toEqual([]);
  return victim;
}

describe('API faults', () => {
  it('apiHang: unreachable once the deadline passes, SSH facts still shown', async () => {
    const s = await withFault({ apiHang: true });
    expect(s.health).toBe('unreachable');
    expect(codes(s)).toEqual(['UNREACHABLE']);
    expect(s.problems[0]!.message).toMatch(/800 ms/);
    expect(s.fluxnode).toBeNull();
    expect(s.services).toMatchObject({ zelcash: 'active' });
  });

  it('apiDown: unreachable (connection refused)', async () => {
    const s = await withFault({ apiDown: true });
    expect(s.health).toBe('unreachable');
    expect(codes(s)).toEqual(['UNREACHABLE']);
    expect(s.problems[0]!.message).toMatch(/ECONNREFUSED/);
  });

  it('apiHtml, apiTruncatedJson and apiProtoKeys: BAD_RESPONSE naming the route', async () => {
    for (const fault of ['apiHtml', 'apiTruncatedJson', 'apiProtoKeys'] as const) {
      h.advance(31_000);
      const s = await withFault({ [fault]: ['/daemon/getinfo'] });
      expect(codes(s), fault).toEqual(['BAD_RESPONSE']);
      expect(s.problems[0]!.message).toContain('/daemon/getinfo');
      expect(s.daemon).toBeNull();
      expect(s.fluxnode?.status).toBe('CONFIRMED');
      await h.fleet.handle.clearFaults('victim');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('apiProtoKeys on every route never pollutes and never looks healthy', async () => {
    const s = await withFault({ apiProtoKeys: true });
    expect(s.health).not.toBe('ok');
    expect(codes(s)).toContain('BAD_RESPONSE');
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('apiErrorEnvelope: API_ERROR with the node’s message', async () => {
    const s = await withFault({ apiErrorEnvelope: ['/daemon/getfluxnodestatus'] });
    expect(codes(s)).toEqual(['API_ERROR']);
    expect(s.problems[0]!.message).toMatch(/getfluxnodestatus.*Loading block index/);
    expect(s.fluxnode).toBeNull();
    expect(s.health).toBe('warning');
  });
});

describe('SSH faults', () => {
  it('sshRejectAuth: AUTH_FAILED, and still AUTH_FAILED while the pool backs off', async () => {
    const s = await withFault({ sshRejectAuth: true });
    expect(codes(s)).toEqual(['AUTH_FAILED']);
    expect(s.fluxnode?.status).toBe('CONFIRMED');
    h.advance(31_000);
    const again = await h.probe('victim');
    expect(again.ssh.attempted && !again.ssh.result.ok && again.ssh.result.error).toMatchObject({ code: 'BACKOFF', cause: 'AUTH_FAILED' });
    expect(codes(await h.status('victim'))).toEqual(['AUTH_FAILED']);
  });

  it('sshNewHostKey: HOST_KEY_MISMATCH, critical', async () => {
    const s = await withFault({ sshNewHostKey: true });
    expect(codes(s)).toEqual(['HOST_KEY_MISMATCH']);
    expect(s.health).toBe('critical');
    expect(s.system).toBeNull();
  });

  it('sshNoBanner: the SSH source is unreachable while API facts still show', async () => {
    const s = await withFault({ sshNoBanner: true });
    expect(codes(s)).toEqual(['SSH_UNREACHABLE']);
    expect(s.fluxnode?.status).toBe('CONFIRMED');
    expect(s.daemon?.blocks).toBe(h.fleet.handle.height);
    const probe = await h.probe('victim');
    expect(probe.ssh.attempted && !probe.ssh.result.ok && ['UNREACHABLE', 'BACKOFF'].includes(probe.ssh.result.error.code)).toBe(true);
  });

  it('sshHalfOpen: the exec times out (or the keepalive drops it); API facts still show', async () => {
    const probe = await (async () => {
      await h.fleet.handle.setFaults('victim', { sshHalfOpen: true });
      return h.probe('victim');
    })();
    expect(probe.ssh.attempted && !probe.ssh.result.ok && probe.ssh.result.error.code).toMatch(/^(TIMEOUT|CONNECTION_LOST)$/);
    expect(probe.api.fluxnodeStatus.ok).toBe(true);
  });

  it('sshHugeOutput: cut at the cap and reported as unreadable, never a crash', async () => {
    const s = await withFault({ sshHugeOutput: 2 * 1024 * 1024 });
    expect(codes(s)).toEqual(['BAD_RESPONSE']);
    expect(s.problems[0]!.message).toMatch(/SSH/);
  });

  it('ansiOutput: escapes are stripped and every section still reads', async () => {
    const s = await withFault({ ansiOutput: true });
    expect(s.problems).toEqual([]);
    expect(s.system?.arch).toBe('x86_64');
  });
});
