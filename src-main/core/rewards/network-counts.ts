import type { NetworkCounts } from '../../../src-shared/contract/rewards.contract';
import type { FluxnodeCount } from '../../../src-shared/fluxos.types';
import type { CallOptions } from '../fluxos/fetch-route';
import type { Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';

/** The part of PublicApiClient this module uses. */
export interface FluxnodeCountSource {
  getFluxnodeCount(options?: CallOptions): Promise<FluxnodeCount>;
}

export interface NetworkCountsOptions {
  /** Builds the public API client (null when no public API is configured). Called per refresh. */
  publicApi: () => FluxnodeCountSource | null;
  /** Per-tier user overrides; they win over the API. */
  overrides: () => Record<Tier, number | null>;
  /** Fresh answers are kept this long. Default 10 min. */
  ttlMs?: number;
  /** A failure is not retried sooner than this. Default 60 s. */
  failureTtlMs?: number;
  now?: () => number;
}

interface Fetched {
  /** When the last attempt ended. */
  at: number;
  ok: boolean;
  counts: Record<Tier, number | null> | null;
  /** When `counts` were fetched. */
  countsAt: number | null;
  error: string | null;
}

const API_SOURCE = 'getfluxnodecount <tier>-enabled (public API)';

/**
 * Enabled-node counts per tier (each tier's payment queue length), from the public API's
 * `getfluxnodecount`, cached for 10 minutes; concurrent callers share one request. User overrides
 * replace individual tiers.
 */
export class NetworkCountsSource {
  private fetched: Fetched | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: NetworkCountsOptions) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts now, refreshing first when stale. Never rejects. */
  async get(): Promise<NetworkCounts> {
    if (this.isStale()) await this.refresh();
    return this.peek();
  }

  /** Counts from the cache without waiting (starts a refresh in the background when stale). */
  peek(): NetworkCounts {
    if (this.isStale()) void this.refresh();
    const overrides = this.options.overrides();
    const fetched = this.fetched;
    const enabled = {} as Record<Tier, number | null>;
    const sources = {} as Record<Tier, string | null>;
    for (const tier of TIERS) {
      const override = overrides[tier];
      const fromApi = fetched?.counts?.[tier] ?? null;
      enabled[tier] = override ?? fromApi;
      sources[tier] = override !== null ? 'user override' : fromApi !== null ? API_SOURCE : null;
    }
    return { enabled, sources, fetchedAt: fetched?.countsAt ?? null, error: fetched?.error ?? null };
  }

  /** Enabled count of one tier, or null when unknown. */
  enabled(tier: Tier): number | null {
    return this.peek().enabled[tier];
  }

  private isStale(): boolean {
    const f = this.fetched;
    if (!f) return true;
    return this.now() - f.at >= (f.ok ? this.ttlMs : this.failureTtlMs);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const at = this.now();
    let api: FluxnodeCountSource | null;
    try {
      api = this.options.publicApi();
    } catch (error) {
      this.failed(at, `public API: ${message(error)}`);
      return;
    }
    if (!api) {
      this.failed(at, 'no public API configured: enter enabled-node counts in Settings');
      return;
    }
    try {
      const c = await api.getFluxnodeCount();
      const counts: Record<Tier, number | null> = {
        CUMULUS: positive(c.cumulusEnabled),
        NIMBUS: positive(c.nimbusEnabled),
        STRATUS: positive(c.stratusEnabled),
      };
      this.fetched = { at, ok: true, counts, countsAt: at, error: null };
    } catch (error) {
      this.failed(at, `getfluxnodecount failed: ${message(error)}`);
    }
  }

  /** Keeps serving the last good counts (older than the TTL) rather than nothing. */
  private failed(at: number, error: string): void {
    this.fetched = { at, ok: false, counts: this.fetched?.counts ?? null, countsAt: this.fetched?.countsAt ?? null, error };
  }
}

function positive(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
