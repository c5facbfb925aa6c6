import { RewardsSettings, type RewardsSettingsView } from '../../../src-shared/contract/rewards.contract';
import { AppError } from '../errors';
import { ChainParamsError, loadChainParams, type ChainParams } from '../chain/chain-params';
import { FluxPricesRepo, utcDay } from './prices.repo';
import type { Db } from '../store/database';

/** Where the rewards inputs live in the settings table. */
export const REWARDS_SETTINGS_KEY = 'rewards';
/**
 * Chain parameter overrides have their own key: the probe pipeline and health rules read the same
 * overrides (services.ts `chainParams`), so every part of the app computes with one set of parameters.
 */
export const CHAIN_OVERRIDES_KEY = 'chainOverrides';

/**
 * Default FluxCloud revenue for the PNR what-if. Flux publishes no monthly FluxCloud revenue figure,
 * so this is an illustrative round number, labelled as such everywhere it shows; users enter their own.
 */
export const DEFAULT_PNR_MONTHLY_REVENUE_USD = 50_000;
export const DEFAULT_PNR_NOTE =
  'FluxCloud revenue is not published: the default of $50,000/month is illustrative only. Enter your own figure.';

/** The settings table as this module uses it (SettingsRepo fits). */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const DEFAULT_REWARDS_SETTINGS: RewardsSettings = {
  fluxPriceUsd: null,
  pnrMonthlyRevenueUsd: DEFAULT_PNR_MONTHLY_REVENUE_USD,
  pnrRevenueSharePercent: null,
  pnrEligibleNodes: null,
  pnrHostingNodes: null,
  enabledOverride: { CUMULUS: null, NIMBUS: null, STRATUS: null },
  chainOverrides: null,
};

/**
 * Rewards inputs (price, PNR revenue, count and chain-parameter overrides) over the settings table,
 * plus the chain parameters they produce. Parameters are cached per override text, so callers on the
 * poll path may ask for them on every status.
 */
export class RewardsSettingsStore {
  private cached: { of: RewardsSettings['chainOverrides']; params: ChainParams } | undefined;
  /** Parsed settings; the poll path reads them per status, and every write goes through save(). */
  private current: RewardsSettings | undefined;
  private readonly prices: FluxPricesRepo;

  constructor(
    private readonly settings: SettingsStore,
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.prices = new FluxPricesRepo(db);
  }

  /** Stored settings merged over defaults; a damaged stored value falls back to defaults field by field. */
  get(): RewardsSettings {
    this.current ??= this.read();
    return { ...this.current, enabledOverride: { ...this.current.enabledOverride } };
  }

  private read(): RewardsSettings {
    const raw = this.settings.get(REWARDS_SETTINGS_KEY);
    const out: RewardsSettings = { ...DEFAULT_REWARDS_SETTINGS, enabledOverride: { ...DEFAULT_REWARDS_SETTINGS.enabledOverride } };
    const overrides = RewardsSettings.shape.chainOverrides.safeParse(this.settings.get(CHAIN_OVERRIDES_KEY) ?? null);
    if (overrides.success) out.chainOverrides = overrides.data;
    if (typeof raw !== 'object' || raw === null) return out;
    const shape = RewardsSettings.shape;
    const record = raw as Record<string, unknown>;
    for (const key of Object.keys(shape) as (keyof RewardsSettings)[]) {
      if (key === 'chainOverrides' || !Object.prototype.hasOwnProperty.call(record, key)) continue;
      const parsed = shape[key].safeParse(record[key]);
      if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
    }
    return out;
  }

  /** Validates and stores a partial update; chain overrides must load. A price also becomes today's price. */
  save(update: Partial<RewardsSettings>): RewardsSettings {
    const next: RewardsSettings = { ...this.get(), ...update };
    const parsed = RewardsSettings.safeParse(next);
    if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? 'invalid rewards settings');
    try {
      loadChainParams(parsed.data.chainOverrides ?? undefined);
    } catch (error) {
      if (error instanceof ChainParamsError) throw new AppError('BAD_INPUT', error.message);
      throw error;
    }
    const { chainOverrides, ...rest } = parsed.data;
    this.settings.set(REWARDS_SETTINGS_KEY, rest);
    this.settings.set(CHAIN_OVERRIDES_KEY, chainOverrides);
    this.current = parsed.data;
    if (update.fluxPriceUsd !== undefined && update.fluxPriceUsd !== null) {
      this.prices.upsert({ day: utcDay(this.now()), usd: update.fluxPriceUsd, source: 'user' }, this.now());
    }
    return parsed.data;
  }

  /** Chain parameters with the user's overrides; a stored override that no longer loads is ignored. */
  chainParams(): ChainParams {
    // Read in place, not through get()'s copy: every poll asks, several times.
    this.current ??= this.read();
    const overrides = this.current.chainOverrides;
    // save() replaces the settings object, so the same overrides object means the same parameters.
    if (this.cached?.of === overrides) return this.cached.params;
    let params: ChainParams;
    try {
      params = loadChainParams(overrides ?? undefined);
    } catch {
      params = loadChainParams();
    }
    this.cached = { of: overrides, params };
    return params;
  }

  /** What the settings page shows: values, defaults and which chain parameters are overridden. */
  view(): RewardsSettingsView {
    return {
      ...this.get(),
      overridden: [...this.chainParams().overridden],
      defaults: {
        pnrMonthlyRevenueUsd: DEFAULT_PNR_MONTHLY_REVENUE_USD,
        pnrRevenueSharePercent: this.chainParams().pnr.revenueShareInitialPercent,
        note: DEFAULT_PNR_NOTE,
      },
    };
  }

  private pricedDay: string | undefined;

  /**
   * Carries the user's FLUX price forward into today's row of the price history (once per UTC day),
   * so the ledger's USD column keeps a daily price while the app runs. A price already stored for
   * today (typed in today) is left alone.
   */
  recordDailyPrice(): void {
    const day = utcDay(this.now());
    if (this.pricedDay === day) return;
    this.pricedDay = day;
    const price = this.get().fluxPriceUsd;
    if (price === null || this.prices.range(day, day).has(day)) return;
    this.prices.upsert({ day, usd: price, source: 'user (carried forward)' }, this.now());
  }

  /** Daily prices (YYYY-MM-DD → USD) in a range, for USD columns. */
  priceHistory(fromDay: string, toDay: string): Map<string, number> {
    return this.prices.range(fromDay, toDay);
  }
}
