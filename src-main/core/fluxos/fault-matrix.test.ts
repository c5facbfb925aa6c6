import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSimFleet, type Faults, type SimFleet } from '../../sim';
import { FluxosClient, PublicApiClient, type FluxosNode } from './fluxos-client';
import { FluxosError, type FluxosErrorCode } from './fluxos-error';
import { FLUXOS_ROUTES, type FluxosRouteName } from './routes';
import { mustGet } from '../../testkit/lookup';
import { settledWithin } from '../../testkit/settle';

/*
 * Every FluxOS API fault of the simulator against the real client: the faulty node ends in a typed
 * error within the client's deadline, other nodes keep answering, and the node answers again as
 * soon as the fault is cleared. Also checks every route's schema against the simulator's presets.
 */

const TIMEOUT_MS = 1_000;

interface ApiFaultCase {
  name: string;
  faults: Faults;
  expected: readonly FluxosErrorCode[];
}

const CASES: readonly ApiFaultCase[] = [
  { name: 'apiHang', faults: { apiHang: true }, expected: ['TIMEOUT'] },
  { name: 'apiHtml', faults: { apiHtml: true }, expected: ['BAD_RESPONSE'] },
  { name: 'apiTruncatedJson', faults: { apiTruncatedJson: true }, expected: ['BAD_RESPONSE'] },
  { name: 'apiErrorEnvelope', faults: { apiErrorEnvelope: true }, expected: ['API_ERROR'] },
  { name: 'apiProtoKeys', faults: { apiProtoKeys: true }, expected: ['BAD_RESPONSE'] },
  { name: 'apiDown', faults: { apiDown: true }, expected: ['UNREACHABLE'] },
];

// Every node route; the stats endpoint's routes are not ones a node serves.
const STATS_ROUTES = new Set<FluxosRouteName>(['modulesMinimumVersions', 'votePower']);
const ROUTES = (Object.keys(FLUXOS_ROUTES) as FluxosRouteName[]).filter((r) => !STATS_ROUTES.has(r));


describe('FluxOS API fault matrix against the simulator', () => {
  let sim: SimFleet;
  let client: FluxosClient;
  const nodes = new Map<string, FluxosNode>();

  beforeAll(async () => {
    sim = await startSimFleet(
      {
        nodes: [
          { name: 'victim' },
          { name: 'bystander' },
          { name: 'arcane', preset: 'healthy-stratus-arcane' },
          { name: 'expired', preset: 'expired-nimbus-legacy' },
          { name: 'dos', preset: 'dos-cumulus-legacy' },
          { name: 'started', preset: 'started-stratus-arcane' },
        ],
      },
      { blockMs: 0 },
    );
    for (const n of sim.inventory.nodes) nodes.set(n.name, { host: n.host, apiPort: n.apiPort });
    client = new FluxosClient({ timeoutMs: TIMEOUT_MS });
  }, 30_000);

  afterAll(async () => {
    client?.close();
    await sim?.handle.close();
  });

  const node = (name: string): FluxosNode => mustGet(nodes, name, 'node');

  it('reads every route from every preset without a schema error', async () => {
    for (const name of nodes.keys()) {
      for (const route of ROUTES) {
        const result = await client.call(route, node(name)).catch((e: unknown) => e);
        if (result instanceof FluxosError) throw new Error(`${name} ${route}: ${result.code} ${result.message} ${result.details.sample ?? ''}`);
      }
    }
    expect((await client.getFluxnodeStatus(node('expired'))).status).toBe('EXPIRED');
    expect((await client.getFluxnodeStatus(node('dos'))).status).toBe('DOS');
    expect((await client.getFluxnodeStatus(node('started'))).status).toBe('STARTED');
    expect(await client.getIsArcaneOs(node('arcane'))).toBe(true);
    const bench = await client.getDaemonBenchmarks(node('arcane'));
    expect(bench.running).toBe(true);
  });

  for (const c of CASES) {
    it(`${c.name}: typed ${c.expected.join('/')} within the deadline on every route, others unaffected, recovers when cleared`, async () => {
      await sim.handle.setFaults('victim', c.faults);
      try {
        // All routes at once: queued requests share the per-node socket cap and the same deadline.
        const results = await Promise.all(
          ROUTES.map(async (route) => {
            const [outcome] = await Promise.all([
              settledWithin(client.call(route, node('victim')), TIMEOUT_MS + 1_000),
              client.call(route, node('bystander')),
            ]);
            return { route, outcome };
          }),
        );
        for (const { route, outcome } of results) {
          expect(outcome.status, `${route} should fail`).toBe('rejected');
          const reason: unknown = outcome.status === 'rejected' ? outcome.reason : undefined;
          expect(reason).toBeInstanceOf(FluxosError);
          const err = reason as FluxosError;
          expect(c.expected, `${route} gave ${err.code}: ${err.message}`).toContain(err.code);
          expect(err.message).not.toMatch(/[\u0000-\u001f]/);
        }
      } finally {
        await sim.handle.clearFaults('victim');
      }
      expect((await client.getFluxnodeStatus(node('victim'))).status).toBe('CONFIRMED');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('the public API stand-in answers through PublicApiClient', async () => {
    const api = new PublicApiClient(sim.handle.publicApi, { timeoutMs: TIMEOUT_MS });
    try {
      expect(await api.getBlockCount()).toBe(sim.handle.height);
      const count = await api.getFluxnodeCount();
      expect(count.total).toBeGreaterThan(0);
      const list = await api.getDeterministicList();
      expect(list.invalid).toBe(0);
      expect(list.nodes.length).toBeGreaterThan(0);
      expect((await api.getBlockSubsidy()).miner).toBeGreaterThan(0);
    } finally {
      api.close();
    }
  });
});
