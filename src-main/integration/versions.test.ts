import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../src-shared/contract';
import { estimateHeightAt } from '../core/chain/chain-height';
import { loadChainParams } from '../core/chain/chain-params';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * Versions as FluxOS judges them, through the wired pipeline: fluxbench by its daemon's getinfo
 * version, Syncthing and Docker over the SSH script against the live minimums the public API's
 * stats stand-in serves, each problem naming where its minimum came from.
 */

let h: FleetHarness;
const codes = (s: NodeStatus | undefined): string[] => (s?.problems ?? []).map((p) => p.code).sort();

beforeAll(async () => {
  h = await startFleetHarness({
    network: { height: 2_100_000, modulesMinimumVersions: { syncthing: '2.0.10', docker: '27.0.0' } },
    nodes: [
      { name: 'current', preset: 'healthy-cumulus-legacy', state: { fluxInfo: { dockerVersion: '28.1.1' } } },
      {
        name: 'stale',
        preset: 'healthy-nimbus-legacy',
        state: { benchInfo: { version: '6.1.0', rpcport: 16224 }, fluxInfo: { dockerVersion: '26.1.3', syncthingVersion: '1.27.6' } },
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

describe('minimum versions on real-shaped nodes', () => {
  it("a node whose getbenchmarks says bench_version 1.0.20 but whose daemon is 6.3.1 is healthy", async () => {
    await h.pollCycle();
    const current = h.statuses().get('current');
    expect(codes(current)).toEqual([]);
    expect(current?.benchmark?.version).toBe('6.3.1');
  });

  it('old fluxbench, Syncthing and Docker are each reported with the source of their minimum', () => {
    const stale = h.statuses().get('stale');
    expect(codes(stale)).toEqual(['BENCH_OUTDATED', 'DOCKER_OUTDATED', 'SYNCTHING_OUTDATED']);
    const message = (code: string) => stale!.problems.find((p) => p.code === code)!.message;
    expect(message('BENCH_OUTDATED')).toBe('fluxbench 6.1.0 is older than the minimum 6.2.0 (FluxOS 8.17.0 config default.js, read 2026-07-22)');
    expect(message('DOCKER_OUTDATED')).toMatch(/^Docker 26\.1\.3 is older than the minimum 27\.0\.0 \(127\.0\.0\.1:\d+\/getmodulesminimumversions, fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/);
    expect(message('SYNCTHING_OUTDATED')).toContain('Syncthing 1.27.6 is older than the minimum 2.0.10 (127.0.0.1:');
  });
});

describe('a demo fleet on the wall clock', () => {
  it("polls at today's height, so the rewards overview shows today's subsidy and the cut after it", async () => {
    const clockFleet = await startFleetHarness({ network: { height: 'clock' }, nodes: [{ name: 'now', preset: 'healthy-cumulus-legacy' }] });
    try {
      await clockFleet.pollCycle();
      const overview = await clockFleet.services.rewards.rewards.overview();
      const expected = estimateHeightAt(loadChainParams(), Date.now());
      // Within a few blocks of the clock (the poll took a moment).
      expect(Math.abs(overview.height.value - expected)).toBeLessThanOrEqual(2);
      // 2026-12-01 is past the first 10% cut (block 3,071,200, mid-2026): the next one is block 4,122,400.
      if (Date.now() >= Date.parse('2026-08-01') && Date.now() < Date.parse('2027-06-01')) {
        expect(overview.upcomingCut).toMatchObject({ height: 4_122_400, subsidyFlux: 11.34 });
      }
      expect(overview.upcomingCut!.height).toBeGreaterThan(overview.height.value);
    } finally {
      await clockFleet.close();
    }
  }, 60_000);
});
