import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import { loadChainParams } from '../chain/chain-params';
import { evaluateHealth } from '../health/evaluate-health';
import { loadHealthRules } from '../health/health-rules';
import { startCountingProxy, type CountingProxy } from '../../testkit/counting-proxy';
import { startProbeHarness, type ProbeHarness } from '../../testkit/sim-harness';
import type { ProbeResult } from './probe-types';

/**
 * One simulated legacy node polled both ways: as a node with SSH (fluxd's and fluxbench's facts
 * in the one exec) and as an API-only node (every fact from FluxOS). Both must end in the same
 * status; only the SSH path adds the system sections.
 */

let h: ProbeHarness;
let proxy: CountingProxy;
let withSsh: NodeRecord;
let apiOnly: NodeRecord;
const params = loadChainParams();
const rules = loadHealthRules();

beforeAll(async () => {
  h = await startProbeHarness({ nodes: [{ name: 'node', preset: 'healthy-stratus-legacy' }] });
  const node = h.inventoryNode('node');
  // On the port the node's FluxOS listens on, so the node's loopback reaches FluxOS itself while
  // requests from here pass the proxy and are counted.
  proxy = await startCountingProxy(node.host, node.apiPort, node.apiPort);
  withSsh = { ...h.record('node'), host: '127.0.0.1', apiPort: proxy.port };
  apiOnly = { ...withSsh, id: withSsh.id + 1, auth: { kind: 'none' }, username: null };
});
afterAll(async () => {
  await proxy?.close(); // a second close (the last test closes it) is harmless
  await h?.close();
});

/** The status both paths must agree on: everything but what only SSH sees and the poll's own times. */
function shared(s: NodeStatus): Partial<NodeStatus> {
  const { system: _system, services: _services, nodeId: _id, lastPolledAt: _polled, flux, ...rest } = s;
  // Uptime ticks on the node between the two polls; version and OS flag must match.
  return { ...rest, flux: flux ? { ...flux, uptimeSeconds: null } : null };
}

function judge(probe: ProbeResult): NodeStatus {
  return evaluateHealth(probe, { referenceHeight: null, params, rules, now: probe.finishedAt });
}

/** Polls the node over SSH, then as API-only; returns both statuses and the paths each asked. */
async function bothWays(): Promise<{ viaSsh: NodeStatus; viaApi: NodeStatus; sshAsked: string[]; apiAsked: string[]; probe: ProbeResult }> {
  proxy.reset();
  const probe = await h.prober.probe(withSsh);
  const sshAsked = [...proxy.requests];
  proxy.reset();
  const viaApi = judge(await h.prober.probe(apiOnly));
  return { viaSsh: judge(probe), viaApi, sshAsked, apiAsked: [...proxy.requests], probe };
}

describe('a node with SSH and the same node API-only', () => {
  it('end in the same status, the SSH one asking FluxOS only what only FluxOS knows', async () => {
    const cold = await bothWays();
    expect(cold.viaSsh.health).toBe('ok');
    expect(shared(cold.viaSsh)).toEqual(shared(cold.viaApi));

    h.advance(31_000); // the next poll: the node status and daemon info are due again
    const warm = await bothWays();
    expect(warm.viaSsh.problems).toEqual([]);
    expect(shared(warm.viaSsh)).toEqual(shared(warm.viaApi));
    expect(warm.viaSsh.system?.cores).toBeGreaterThan(0);
    expect(warm.apiAsked).toEqual(expect.arrayContaining(['/daemon/getfluxnodestatus', '/daemon/getinfo']));
    expect(warm.sshAsked).not.toContain('/daemon/getfluxnodestatus');
    expect(warm.sshAsked).not.toContain('/daemon/getinfo');
    // FluxOS's own answer (its installed apps) came over the node's loopback in the same exec: the
    // warm poll asks nothing over HTTP from here, and FluxOS being down would still show (below).
    expect(warm.sshAsked).toEqual([]);
    expect(warm.apiAsked).toContain('/apps/installedapps');
    expect(warm.probe.api.installedApps).toMatchObject({ ok: true, cached: false, via: 'ssh' });
    expect(warm.probe.api.fluxnodeStatus).toMatchObject({ ok: true, cached: false, via: 'ssh' });

    h.advance(10 * 60_000); // benchmarks, their status and fluxbench's version are due too
    const later = await bothWays();
    expect(shared(later.viaSsh)).toEqual(shared(later.viaApi));
    expect(later.viaSsh.benchmark?.status).toBe('STRATUS');
    expect(later.apiAsked).toEqual(expect.arrayContaining(['/benchmark/getbenchmarks', '/benchmark/getstatus', '/benchmark/getinfo']));
    expect(later.sshAsked.filter((p) => p.startsWith('/benchmark/') || p.startsWith('/daemon/') || p.startsWith('/apps/'))).toEqual([]);
    // Whether FluxOS answers from outside is asked from here at the slow routes' lifetimes.
    expect(later.sshAsked).toEqual(expect.arrayContaining(['/flux/uptime', '/flux/version']));
  });

  it('when fluxd does not answer the CLI, its facts come from FluxOS as on the API path', async () => {
    h.fleet.handle.setState('node', { services: { zelcash: 'inactive' } });
    h.advance(31_000);
    const down = await bothWays();
    h.fleet.handle.setState('node', { services: { zelcash: 'active' } });
    expect(down.sshAsked).toEqual(expect.arrayContaining(['/daemon/getfluxnodestatus', '/daemon/getinfo']));
    expect(down.viaSsh.fluxnode).toEqual(down.viaApi.fluxnode);
    expect(down.viaSsh.daemon).toEqual(down.viaApi.daemon);
  });

  it('FluxOS down on a node with SSH is still unreachable', async () => {
    await h.fleet.handle.setFaults('node', { apiDown: true });
    h.advance(31_000);
    const status = judge(await h.prober.probe(withSsh));
    await h.fleet.handle.clearFaults('node');
    expect(status.health).toBe('unreachable');
    expect(status.problems.map((p) => p.code)).toEqual(['UNREACHABLE']);
    // What fluxd itself said still shows beside it.
    expect(status.fluxnode?.status).toBe('CONFIRMED');
  });
});

describe('FluxOS answering on the node but not from here', () => {
  it('is seen by the next route asked from here (uptime, within 5 minutes), not hidden by the loopback', async () => {
    h.advance(31_000);
    expect(judge(await h.prober.probe(withSsh)).health).toBe('ok');
    await proxy.close(); // the way from here to the node's FluxOS breaks; the node's loopback does not

    h.advance(61_000);
    const meanwhile = await h.prober.probe(withSsh);
    // Each poll still hears FluxOS on the node itself: its apps are current, it is up.
    expect(meanwhile.api.installedApps).toMatchObject({ ok: true, cached: false, via: 'ssh' });
    expect(judge(meanwhile).health).toBe('ok');

    h.advance(5 * 60_000);
    const seen = judge(await h.prober.probe(withSsh));
    expect(seen.health).toBe('unreachable');
    expect(seen.problems.map((p) => p.code)).toEqual(['UNREACHABLE']);
  });
});
