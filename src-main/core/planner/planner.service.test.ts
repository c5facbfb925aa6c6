import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkCounts } from '../../../src-shared/contract';
import { SettingsRepo } from '../store/settings.repo';
import { RewardsSettingsStore } from '../rewards/rewards-settings';
import { openLedgerDb, nodeStatus } from '../../testkit/rewards';
import { makeTempDir } from '../../testkit/temp-dir';
import { createPlannerCapability } from './planner.module';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const NO_COUNTS: NetworkCounts = { enabled: { CUMULUS: null, NIMBUS: null, STRATUS: null }, sources: { CUMULUS: null, NIMBUS: null, STRATUS: null }, fetchedAt: null, error: 'no public API configured' };

function setup(statuses = [nodeStatus(1, 2_100_000, { tier: 'STRATUS' }), nodeStatus(2, 2_100_000, { tier: 'CUMULUS' })]) {
  const temp = makeTempDir('fluxdeck-planner-');
  const db = openLedgerDb(temp.dir);
  cleanup = () => {
    db.close();
    temp.cleanup();
  };
  const settings = new SettingsRepo(db);
  const rewardsSettings = new RewardsSettingsStore(settings, db);
  const planner = createPlannerCapability({ settings, rewardsSettings, counts: { get: () => Promise.resolve(NO_COUNTS) }, latestStatuses: () => statuses });
  return { db, settings, rewardsSettings, planner };
}

describe('planner service', () => {
  it('works with no network: dated defaults, marked as such, and the live tip from the fleet', async () => {
    const { planner } = setup();
    const state = await planner.service.state();
    expect(state.live.counts).toEqual({ CUMULUS: 5000, NIMBUS: 1500, STRATUS: 2000 });
    expect(state.live.countsSource).toMatch(/^default \(2026-12-01\)/);
    expect(state.live.priceSource).toMatch(/^default/);
    expect(state.live.startHeight.value).toBe(2_100_000);
    expect(state.fleet).toEqual({ nodes: 2, amountFlux: 41_000, byTier: { CUMULUS: 1, NIMBUS: 0, STRATUS: 1 }, tiers: ['CUMULUS', 'STRATUS'] });
    const plan = await planner.handlers['planner:plan']({ inputs: state.inputs }, { clientId: 't' });
    expect(plan.sources.priceUsd).toMatch(/^default/);
    expect(plan.inputs.startHeight).toBe(2_100_000);
    expect(plan.options.length).toBeGreaterThan(3);
  });

  it('remembers the inputs in the settings table and forgets them on reset; the stored price is the default price', async () => {
    const { planner, settings, rewardsSettings } = setup();
    rewardsSettings.save({ fluxPriceUsd: 0.73 });
    const state = await planner.service.state();
    expect(state.live.priceUsd).toBe(0.73);
    await planner.service.plan({ ...state.inputs, amountFlux: 12_500, months: 7 });
    expect(settings.get('planner')).toMatchObject({ amountFlux: 12_500, months: 7 });
    const again = await planner.service.state();
    expect(again.inputs).toMatchObject({ amountFlux: 12_500, months: 7 });
    const reset = await planner.service.reset();
    expect(reset.inputs.amountFlux).toBe(reset.defaults.amountFlux);
  });

  it('a damaged remembered field falls back to its default alone', async () => {
    const { planner, settings } = setup();
    settings.set('planner', { amountFlux: 'lots', months: 9 });
    const state = await planner.service.state();
    expect(state.inputs.amountFlux).toBe(state.defaults.amountFlux);
    expect(state.inputs.months).toBe(9);
  });
});
