import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ROUTE_CACHE, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * Scale smoke: 300 simulated nodes (legacy over API + SSH, ArcaneOS over the API) complete one poll
 * cycle through the wired pipeline. Completion and correctness only; speed lives in the bench.
 */

const LEGACY = 200;
const ARCANE = 100;
const TOTAL = LEGACY + ARCANE;
let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness(
    {
      network: { height: 2_100_000 },
      count: [
        { preset: 'healthy-stratus-legacy', n: LEGACY, namePrefix: 'legacy' },
        { preset: 'healthy-cumulus-arcane', n: ARCANE, namePrefix: 'arcane' },
      ],
    },
    {
      // Production deadlines: two busy cores serve 300 nodes and poll them at once.
      probe: { prober: { routeTtls: NO_ROUTE_CACHE } },
    },
  );
}, 120_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

describe('300 nodes', () => {
  it('complete one poll cycle: every node has a status, none unreachable, history holds them all', async () => {
    expect(h.services.nodesRepo.list()).toHaveLength(TOTAL);
    const progress = await h.pollCycle(undefined, 150_000);
    expect(progress).toMatchObject({ running: false, done: TOTAL, total: TOTAL, failed: 0 });

    const statuses = h.services.monitor.status();
    expect(statuses).toHaveLength(TOTAL);
    const byHealth = new Map<string, string[]>();
    for (const s of statuses) byHealth.set(s.health, [...(byHealth.get(s.health) ?? []), s.name]);
    expect(Object.fromEntries([...byHealth].map(([health, names]) => [health, names.length]))).toEqual({ ok: TOTAL });
    for (const s of statuses) {
      expect(s.lastPolledAt, s.name).not.toBeNull();
      expect(s.fluxnode?.status, s.name).toBe('CONFIRMED');
    }
    // Legacy nodes were read over SSH too, ArcaneOS ones only over the API.
    const legacy = statuses.find((s) => s.name.startsWith('legacy'))!;
    expect(legacy.services).toMatchObject({ zelcash: 'active' });
    expect(legacy.system?.arch).toBe('x86_64');

    const stored = h.services.monitor.history.latestAll();
    expect(stored).toHaveLength(TOTAL);
    expect(new Set(stored.map((s) => s.nodeId)).size).toBe(TOTAL);
    expect(stored.every((s) => s.health === 'ok' && s.lastPolledAt !== null)).toBe(true);
  }, 180_000);
});
