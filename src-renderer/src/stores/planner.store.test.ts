import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlannerInputs, PlannerState, PlanResult } from '../../../src-shared/contract';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { usePlannerStore } from './planner.store';

const defaults: PlannerInputs = {
  amountFlux: 40_000,
  priceUsd: null,
  priceChangePercentPerMonth: 0,
  months: 24,
  startHeight: null,
  counts: { CUMULUS: null, NIMBUS: null, STRATUS: null },
  countGrowthPercentPerMonth: 0,
  hostingUsd: { CUMULUS: 15, NIMBUS: 45, STRATUS: 100 },
  hardwareUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 },
  uptimePercent: 99,
  managedFeePercent: 20,
  titan: { minFlux: 50, maxPerStakeFlux: 100_000, maxPerFluxIdFlux: 400_000, lockups: [{ months: 12, aprPercent: 12, feePercent: 10 }] },
  pnr: { monthlyRevenueUsd: 50_000, revenueSharePercent: null, eligibleNodes: null },
  parallelAssetValuePercent: 0,
  tiers: ['CUMULUS', 'NIMBUS', 'STRATUS'],
};

const explained = { value: 2_100_000, formula: 'highest height reported', inputs: [] };

function state(inputs: PlannerInputs = defaults): PlannerState {
  return {
    inputs,
    defaults,
    defaultSources: { amountFlux: 'default (2026-12-01): one Stratus collateral' },
    live: { startHeight: explained, counts: { CUMULUS: 5000, NIMBUS: 1500, STRATUS: 2000 }, countsSource: 'default', priceUsd: 0.2, priceSource: 'default' },
    fleet: { nodes: 3, amountFlux: 53_500, byTier: { CUMULUS: 1, NIMBUS: 1, STRATUS: 1 }, tiers: ['CUMULUS', 'NIMBUS', 'STRATUS'] },
    titanDate: '2026-12-01',
    titanSource: 'docs',
    titanNote: 'illustrative',
  };
}

function result(inputs: PlannerInputs): PlanResult {
  const resolved = { ...inputs, priceUsd: inputs.priceUsd ?? 0.2, startHeight: 2_100_000, counts: { CUMULUS: 5000, NIMBUS: 1500, STRATUS: 2000 } };
  return { inputs: resolved, sources: {}, options: [], best: null, cuts: [], startHeight: explained, sensitivity: { price: { x: [], series: [] }, count: { x: [], series: [] } }, notes: [] };
}

function setup() {
  const client = new FakeClient()
    .handle('planner:state', () => ({ ok: true, value: state() }))
    .handle('planner:plan', (input) => ({ ok: true, value: result(input.inputs) }))
    .handle('planner:reset', () => ({ ok: true, value: state() }));
  setClient(client);
  setActivePinia(createPinia());
  return { client, store: usePlannerStore() };
}

const plans = (client: FakeClient) => client.calls.filter((c) => c.channel === 'planner:plan').map((c) => (c.input as { inputs: PlannerInputs }).inputs);

describe('planner store', () => {
  afterEach(() => vi.useRealTimers());

  it('starts from the remembered inputs and plans them at once', async () => {
    const { client, store } = setup();
    await store.load();
    expect(store.form?.amountFlux).toBe(40_000);
    expect(plans(client)).toHaveLength(1);
    expect(store.result?.inputs.startHeight).toBe(2_100_000);
  });

  it('coalesces a burst of edits into one plan with the latest values', async () => {
    const { client, store } = setup();
    await store.load();
    vi.useFakeTimers();
    store.edit((f) => (f.amountFlux = 1));
    store.edit((f) => (f.amountFlux = 12_500));
    store.edit((f) => (f.hostingUsd.NIMBUS = 30));
    await vi.runAllTimersAsync();
    const sent = plans(client);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ amountFlux: 12_500, hostingUsd: { NIMBUS: 30 } });
  });

  it('"use my fleet" fills the amount and tiers; defaults are recognised until changed', async () => {
    const { store } = setup();
    await store.load();
    expect(store.isDefault((i) => i.amountFlux)).toBe(true);
    vi.useFakeTimers();
    store.useMyFleet();
    expect(store.form?.amountFlux).toBe(53_500);
    expect(store.isDefault((i) => i.amountFlux)).toBe(false);
    expect(store.isDefault((i) => i.hostingUsd.STRATUS)).toBe(true);
  });
});
