import { describe, it, expect } from 'vitest';
import { ChainParamsError, eraValueAt, isOverridden, loadChainParams, sourceOf } from './chain-params';
import { subsidyAt } from './subsidy';

describe('loadChainParams', () => {
  it('loads the bundled mainnet file with fluxd numbers and no overrides', () => {
    const p = loadChainParams();
    expect(p.schemaVersion).toBe(1);
    expect(p.upgrades.pon).toBe(2_020_000);
    expect(p.collateral.tiers.STRATUS.v2Flux).toBe(40_000);
    expect(p.parallelAssets.chains.map((c) => c.name)).toHaveLength(10);
    expect(p.overridden).toEqual([]);
    expect(sourceOf(p, 'ponSubsidy.maxReductions')).toMatch(/chainparams\.cpp/);
    expect(sourceOf(p, 'collateral.tiers.NIMBUS.v1Flux')).toMatch(/GetCoinAmountsByTier/);
  });

  it('deep-merges overrides, records the changed keys and says so in the source', () => {
    const p = loadChainParams({ upgrades: { pon: 2_100_000 }, pnr: { revenueShareInitialPercent: 30 } });
    expect(p.upgrades.pon).toBe(2_100_000);
    expect(p.upgrades.flux).toBe(835_554);
    expect(p.overridden).toEqual(['upgrades.pon', 'pnr.revenueShareInitialPercent']);
    expect(isOverridden(p, 'upgrades.pon')).toBe(true);
    expect(isOverridden(p, 'upgrades')).toBe(true);
    expect(isOverridden(p, 'upgrades.flux')).toBe(false);
    expect(sourceOf(p, 'upgrades.pon')).toBe('user override');
    // The override takes effect in the money math: 2,050,000 is now still PoW.
    expect(subsidyAt(p, 2_050_000)).toBe(3_750_000_000n);
  });

  it('refuses hostile or invalid overrides with a typed error', () => {
    expect(() => loadChainParams(JSON.parse('{"__proto__":{"polluted":1}}'))).toThrow(ChainParamsError);
    expect(() => loadChainParams({ upgrades: { nope: 1 } })).toThrow(ChainParamsError);
    expect(() => loadChainParams({ upgrades: { pon: -1 } })).toThrow(ChainParamsError);
    expect(() => loadChainParams({ upgrades: { pon: 'x' } })).toThrow(ChainParamsError);
    expect(() => loadChainParams({ sources: {} })).toThrow(ChainParamsError);
    expect(() => loadChainParams('junk')).toThrow(ChainParamsError);
    expect(() => loadChainParams([1])).toThrow(ChainParamsError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('resolves height-dependent thresholds by era (pre-PoN values before the fork)', () => {
    const p = loadChainParams();
    const t = p.nodeTiming;
    expect(eraValueAt(p, t.confirmExpirationBlocks, 800_000)).toBe(60);
    expect(eraValueAt(p, t.confirmExpirationBlocks, 835_554)).toBe(80);
    expect(eraValueAt(p, t.confirmExpirationBlocks, 1_076_532)).toBe(160);
    expect(eraValueAt(p, t.confirmExpirationBlocks, 2_020_000)).toBe(640);
    expect(eraValueAt(p, t.confirmMinIntervalBlocks, 2_019_999)).toBe(120);
    expect(eraValueAt(p, t.confirmMinIntervalBlocks, 2_020_000)).toBe(500);
    expect(eraValueAt(p, t.dosRemoveBlocks, 2_020_000)).toBe(720);
    expect(eraValueAt(p, t.startTxExpirationBlocks, 2_020_000)).toBe(240);
    expect(eraValueAt(p, t.ipChangeMinBlocks, 800_000)).toBeNull();
  });
});
