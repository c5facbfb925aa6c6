import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import { FluxosClient, PublicApiClient } from '../fluxos/fluxos-client';
import { evaluateHealth } from '../health/evaluate-health';
import { loadHealthRules } from '../health/health-rules';
import { loadChainParams } from '../chain/chain-params';
import { startSimFleet, type SimFleet } from '../../sim/fleet';
import { NodeProber } from './node-prober';
import { RankSource } from './rank-source';
import { API_SOURCES } from './api-probe';
import { startCountingProxy, type CountingProxy } from '../../testkit/counting-proxy';

let fleet: SimFleet;
let nodeProxy: CountingProxy;
let publicProxy: CountingProxy;
let fluxos: FluxosClient;
let publicApi: PublicApiClient;
let clock = 1_760_000_000_000;
const now = (): number => clock;

const LIST = '/daemon/viewdeterministicfluxnodelist';

beforeAll(async () => {
  fleet = await startSimFleet(
    {
      nodes: [
        { name: 'a', preset: 'healthy-cumulus-legacy' },
        { name: 'b', preset: 'healthy-cumulus-arcane' },
        { name: 'c', preset: 'healthy-nimbus-legacy' },
      ],
    },
    { blockMs: 0 },
  );
  const a = fleet.inventory.nodes[0]!;
  nodeProxy = await startCountingProxy(a.host, a.apiPort);
  const pub = new URL(fleet.inventory.publicApi!);
  publicProxy = await startCountingProxy(pub.hostname, Number(pub.port));
  fluxos = new FluxosClient({ timeoutMs: 1_500 });
  publicApi = new PublicApiClient(`http://127.0.0.1:${publicProxy.port}`, { timeoutMs: 1_500 });
});
afterAll(async () => {
  fluxos?.close();
  publicApi?.close();
  await Promise.all([nodeProxy?.close(), publicProxy?.close()]);
  await fleet?.handle.close();
});

/** Node `a` as a record whose API goes through the counting proxy. */
const proxied = (): NodeRecord => ({
  id: 1,
  name: 'a',
  host: '127.0.0.1',
  sshPort: 22,
  apiPort: nodeProxy.port,
  username: null,
  auth: { kind: 'none' },
  tags: [],
  createdAt: 0,
  updatedAt: 0,
});

const txhashOf = (name: string): string => fleet.handle.node(name).state.fluxnodeStatus.txhash;

describe('API route cache', () => {
  it('asks each route no sooner than its data can change, except routes that failed', async () => {
    const prober = new NodeProber({ fluxos, now });
    nodeProxy.reset();
    await fleet.handle.setFaults('a', { apiHtml: ['/flux/version'] });

    let seen = 0;
    const askedSince = (): string[] => {
      const asked = nodeProxy.requests.slice(seen).sort();
      seen = nodeProxy.requests.length;
      return asked;
    };
    const first = await prober.probe(proxied());
    expect(askedSince()).toHaveLength(API_SOURCES.length);
    expect(API_SOURCES).toHaveLength(12);
    expect(nodeProxy.count('/flux/info')).toBe(0);
    expect(first.api.fluxVersion.ok).toBe(false);

    clock += 10_000; // "poll now" inside the window: the height (asked every poll) and the failed route
    const second = await prober.probe(proxied());
    expect(askedSince()).toEqual(['/daemon/getinfo', '/flux/version']);
    expect(second.api.fluxnodeStatus).toMatchObject({ ok: true, cached: true });

    await fleet.handle.clearFaults('a');
    clock += 10_000;
    const third = await prober.probe(proxied());
    expect(askedSince()).toEqual(['/daemon/getinfo', '/flux/version']);
    expect(third.api.fluxVersion).toMatchObject({ ok: true, cached: false });
    expect(third.api.daemonInfo).toMatchObject({ ok: true, cached: false });

    clock += 11_000; // 31 s after the first poll: the node status and installed apps are stale; running apps, benchmarks and versions are not
    await prober.probe(proxied());
    expect(askedSince()).toEqual(['/apps/installedapps', '/daemon/getfluxnodestatus', '/daemon/getinfo']);

    clock += 2 * 60_000; // running apps and app resources: every 2 minutes
    await prober.probe(proxied());
    expect(askedSince()).toEqual(
      ['/apps/appsresources', '/apps/installedapps', '/apps/listrunningapps', '/daemon/getfluxnodestatus', '/daemon/getinfo'].sort(),
    );

    clock += 3 * 60_000; // benchmark status and uptime: every 5 minutes
    await prober.probe(proxied());
    expect(askedSince()).toEqual(
      ['/apps/appsresources', '/apps/installedapps', '/apps/listrunningapps', '/benchmark/getstatus', '/daemon/getfluxnodestatus', '/daemon/getinfo', '/flux/uptime'].sort(),
    );

    clock += 5 * 60_000; // benchmarks, the FluxOS and fluxbench versions and the ArcaneOS flag: every 10 minutes
    await prober.probe(proxied());
    expect(askedSince()).toEqual(expect.arrayContaining(['/benchmark/getbenchmarks', '/flux/version', '/flux/isarcaneos', '/benchmark/getinfo']));
    // Where the node sits: once an hour.
    expect(nodeProxy.count('/flux/geolocation')).toBe(1);
  });

  it('concurrent probes of one node share one run', async () => {
    const prober = new NodeProber({ fluxos, now });
    nodeProxy.reset();
    const [x, y] = await Promise.all([prober.probe(proxied()), prober.probe(proxied())]);
    expect(x).toBe(y);
    expect(nodeProxy.requests).toHaveLength(API_SOURCES.length);
  });

  it('a cached value is not proof of reachability: a node down after a poll is unreachable', async () => {
    const prober = new NodeProber({ fluxos, now });
    await prober.probe(proxied());
    await fleet.handle.setFaults('a', { apiDown: true });
    clock += 31_000;
    const down = await prober.probe(proxied());
    const status = evaluateHealth(down, { referenceHeight: null, params: loadChainParams(), rules: loadHealthRules(), now: clock });
    expect(down.api.isArcaneOs).toMatchObject({ ok: true, cached: true });
    expect(status.health).toBe('unreachable');
    await fleet.handle.clearFaults('a');
  });

  it('on a chain that makes a block a second, a node polled again 5 s after its neighbour is judged by its own live height', async () => {
    const prober = new NodeProber({ fluxos, now });
    const c = fleet.inventory.nodes.find((n) => n.name === 'c')!;
    const neighbour: NodeRecord = { ...proxied(), id: 3, name: 'c', host: c.host, apiPort: c.apiPort };
    await prober.probe(proxied());
    fleet.handle.advanceBlocks(20);
    clock += 20_000;
    const ahead = await prober.probe(neighbour);
    fleet.handle.advanceBlocks(5);
    clock += 5_000;
    const again = await prober.probe(proxied());
    const height = (p: typeof again): number | null => (p.api.daemonInfo.ok ? p.api.daemonInfo.value.blocks : null);
    const status = evaluateHealth(again, { referenceHeight: height(ahead), params: loadChainParams(), rules: loadHealthRules(), now: clock });
    expect(height(again)).toBe(height(ahead)! + 5);
    expect(status.blocksBehind).toBe(0);
    expect(status.problems.map((p) => p.code)).not.toContain('DAEMON_BEHIND');
  });
});

describe('RankSource', () => {
  it('small fleets: one filtered query per node, cached 30 s, rank as fluxd computes it', async () => {
    const ranks = new RankSource({ publicApi, now });
    ranks.setFleetSize(3);
    publicProxy.reset();
    const node = { host: '127.0.0.1', apiPort: 1 };
    const r1 = await ranks.rank(txhashOf('a'), fleet.handle.node('a').state.fluxnodeStatus.outidx, node);
    expect(publicProxy.requests).toEqual([`${LIST}?filter=${txhashOf('a')}`]);
    const full = await publicApi.getDeterministicList();
    const expected = full.nodes.find((n) => n.txhash === txhashOf('a'))!;
    expect(r1).toMatchObject({ ok: true, value: { rank: expected.rank, tier: 'CUMULUS' } });
    publicProxy.reset();
    clock += 10_000;
    expect(await ranks.rank(txhashOf('a'), null, node)).toMatchObject({ ok: true });
    await ranks.rank(txhashOf('a'), fleet.handle.node('a').state.fluxnodeStatus.outidx, node);
    // `null` outidx is its own key; the exact outpoint was cached.
    expect(publicProxy.requests).toHaveLength(1);
  });

  it('large fleets: the whole list at most once per 60 s, shared by concurrent lookups', async () => {
    const ranks = new RankSource({ publicApi, now });
    ranks.setFleetSize(30);
    publicProxy.reset();
    const node = { host: '127.0.0.1', apiPort: 1 };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => ranks.rank(txhashOf(n), null, node)));
    expect(publicProxy.requests).toEqual([LIST]);
    expect(results.every((r) => r.ok && r.value !== null && typeof r.value.rank === 'number')).toBe(true);
    const missing = await ranks.rank('f'.repeat(64), 0, node);
    expect(missing).toMatchObject({ ok: true, value: null });
    clock += 59_000;
    await ranks.rank(txhashOf('a'), null, node);
    expect(publicProxy.requests).toHaveLength(1);
    clock += 2_000;
    await ranks.rank(txhashOf('a'), null, node);
    expect(publicProxy.requests).toHaveLength(2);
  });

  it('reference height from the public API, cached 30 s; none without a public API', async () => {
    const ranks = new RankSource({ publicApi, now });
    publicProxy.reset();
    expect(await ranks.height()).toMatchObject({ ok: true, value: fleet.handle.height });
    await ranks.height();
    expect(publicProxy.count('/daemon/getblockcount')).toBe(1);
    expect(await new RankSource({ now }).height()).toBeNull();
  });

  it('without a public API the rank comes from the node’s own API', async () => {
    const ranks = new RankSource({ fluxos, now });
    nodeProxy.reset();
    const r = await ranks.rank(txhashOf('a'), null, { host: '127.0.0.1', apiPort: nodeProxy.port });
    expect(r).toMatchObject({ ok: true, value: { tier: 'CUMULUS' } });
    expect(nodeProxy.requests).toEqual([`${LIST}?filter=${txhashOf('a')}`]);
  });

  it('a public API that is down costs one attempt per failure window and shows as RANK_UNAVAILABLE', async () => {
    const dead = new PublicApiClient('http://127.0.0.1:9', { timeoutMs: 500 });
    const ranks = new RankSource({ publicApi: dead, now });
    const prober = new NodeProber({ fluxos, rankSource: ranks, now });
    clock += 31_000;
    const p = await prober.probe(proxied());
    clock += 5_000;
    // Inside the failure window the same failure is returned without a new attempt.
    expect(await ranks.height()).toEqual(p.publicHeight);
    dead.close();
    expect(p.rank).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(p.publicHeight).toMatchObject({ ok: false });
    const s = evaluateHealth(p, { referenceHeight: null, params: loadChainParams(), rules: loadHealthRules(), now: clock });
    expect(s.problems.map((x) => x.code)).toEqual(['RANK_UNAVAILABLE']);
    expect(s.health).toBe('ok');
    expect(s.fluxnode?.rank).toBeNull();
    expect(s.nextPaymentSeconds).toBeNull();
    // No reference known: "0 blocks behind" would be invented.
    expect(s.referenceHeight).toBeNull();
    expect(s.blocksBehind).toBeNull();
    expect(s.maintenanceWindowBlocks).not.toBeNull();
  });
});
