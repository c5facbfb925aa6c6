import { PlannerInputs, type PlannerFleet, type PlannerState, type PlanResult } from '../../../src-shared/contract/planner.contract';
import type { NetworkCounts, NodeStatus } from '../../../src-shared/contract';
import type { ChainParams } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { fleetHeight } from '../chain/chain-height';
import { normalizeTier } from '../chain/tiers';
import { currentCollateralSat } from '../rewards';
import { computePlan, satToFlux, type PlanCore } from './plan';
import { loadPlannerData } from './planner-data';
import { defaultInputs, defaultSources, liveCounts, livePrice, resolveInputs, type LiveValues } from './planner-inputs';
import { planToWire } from './planner-wire';

/** Where the remembered planner inputs live in the settings table. */
export const PLANNER_SETTINGS_KEY = 'planner';

export interface PlannerDeps {
  /** The settings table (SettingsRepo). */
  settings: { get(key: string): unknown; set(key: string, value: unknown): void };
  /** Chain parameters with the user's overrides, the stored price and the PNR what-if inputs. */
  rewardsSettings: {
    chainParams(): ChainParams;
    get(): { fluxPriceUsd: number | null; pnrMonthlyRevenueUsd: number; pnrRevenueSharePercent: number | null; pnrEligibleNodes: number | null };
  };
  /** Enabled-node counts (public API or overrides); never rejects. */
  counts: { get(): Promise<NetworkCounts> };
  latestStatuses: () => NodeStatus[];
  now?: () => number;
}

/** The planner behind both the page and `fluxdeck plan`: defaults, remembered inputs, live values, the plan. */
export class PlannerService {
  private readonly now: () => number;

  constructor(private readonly deps: PlannerDeps) {
    this.now = deps.now ?? Date.now;
  }

  formDefaults(): PlannerInputs {
    const { defaults, titan } = loadPlannerData();
    const s = this.deps.rewardsSettings.get();
    return defaultInputs(defaults, titan, { monthlyRevenueUsd: s.pnrMonthlyRevenueUsd, revenueSharePercent: s.pnrRevenueSharePercent, eligibleNodes: s.pnrEligibleNodes });
  }

  /** Remembered inputs over the defaults, field by field (a damaged stored field falls back to its default). */
  remembered(): PlannerInputs {
    const out: PlannerInputs = this.formDefaults();
    const raw = this.deps.settings.get(PLANNER_SETTINGS_KEY);
    if (typeof raw !== 'object' || raw === null) return out;
    const record = raw as Record<string, unknown>;
    for (const key of Object.keys(PlannerInputs.shape) as (keyof PlannerInputs)[]) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const parsed = PlannerInputs.shape[key].safeParse(record[key]);
      if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
    }
    return out;
  }

  async live(): Promise<LiveValues> {
    const params = this.deps.rewardsSettings.chainParams();
    const counts = await this.deps.counts.get();
    const known = TIERS.filter((t) => counts.enabled[t] !== null);
    return {
      startHeight: fleetHeight(params, this.deps.latestStatuses(), this.now()),
      counts: counts.enabled,
      countsSource: known.map((t) => `${t} ${counts.sources[t] ?? ''}`).join('; ') || 'none',
      storedPriceUsd: this.deps.rewardsSettings.get().fluxPriceUsd,
    };
  }

  fleet(): PlannerFleet {
    const params = this.deps.rewardsSettings.chainParams();
    const statuses = this.deps.latestStatuses();
    const height = fleetHeight(params, statuses, this.now()).value;
    const byTier = { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 };
    let sat = 0n;
    for (const s of statuses) {
      const tier = normalizeTier(s.fluxnode?.tier);
      if (!tier) continue;
      byTier[tier]++;
      sat += currentCollateralSat(params, Math.max(height, params.upgrades.pon), tier);
    }
    return { nodes: statuses.length, amountFlux: satToFlux(sat), byTier, tiers: TIERS.filter((t) => byTier[t] > 0) };
  }

  async state(): Promise<PlannerState> {
    const { defaults, titan } = loadPlannerData();
    const live = await this.live();
    const price = livePrice(live, defaults);
    const counts = liveCounts(live, defaults);
    return {
      inputs: this.remembered(),
      defaults: this.formDefaults(),
      defaultSources: defaultSources(defaults, titan),
      live: {
        startHeight: live.startHeight,
        counts: counts.value,
        countsSource: [...new Set(Object.values(counts.source))].join('; '),
        priceUsd: price.value,
        priceSource: price.source,
      },
      fleet: this.fleet(),
      titanDate: titan.date,
      titanSource: titan.source,
      titanNote: titan.ratesNote,
    };
  }

  /** The plan's exact core (satoshis) plus where every input came from; `fluxdeck plan` prints this. */
  async planCore(inputs: PlannerInputs): Promise<{ plan: PlanCore; sources: Record<string, string>; live: LiveValues }> {
    const { defaults, titan } = loadPlannerData();
    const params = this.deps.rewardsSettings.chainParams();
    const live = await this.live();
    const { resolved, sources } = resolveInputs(params, inputs, { defaults, titan, formDefaults: this.formDefaults(), live });
    return { plan: computePlan(params, resolved, sources), sources, live };
  }

  /** Computes the plan for the page and remembers the inputs. */
  async plan(inputs: PlannerInputs): Promise<PlanResult> {
    const { plan, sources, live } = await this.planCore(inputs);
    this.deps.settings.set(PLANNER_SETTINGS_KEY, inputs);
    const startHeight = inputs.startHeight === null ? live.startHeight : { value: inputs.startHeight, formula: `start height ${inputs.startHeight} (your input)`, inputs: [{ name: 'start height', value: inputs.startHeight, source: 'user input' }] };
    return planToWire(this.deps.rewardsSettings.chainParams(), plan, sources, startHeight);
  }

  reset(): Promise<PlannerState> {
    this.deps.settings.set(PLANNER_SETTINGS_KEY, null);
    return this.state();
  }
}
