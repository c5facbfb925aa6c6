import { PriceSource, type PriceSourceView } from '../../../src-shared/contract';
import { AppError } from '../errors';
import { FluxPricesRepo, utcDay } from '../rewards/prices.repo';
import type { RewardsSettingsStore, SettingsStore } from '../rewards/rewards-settings';
import type { Db } from '../store/database';

export const PRICE_SOURCE_KEY = 'priceSource';

/** CoinGecko's public simple-price API; FLUX is listed there under its old id `zelcash`. */
export const DEFAULT_PRICE_SOURCE: PriceSource = {
  kind: 'user',
  url: 'https://api.coingecko.com/api/v3/simple/price?ids=zelcash&vs_currencies=usd',
  path: 'zelcash.usd',
};

const MAX_BODY = 64 * 1024;
const RETRY_MS = 10 * 60_000;

/** The number at a dotted path of a JSON answer, if it is a plausible price. */
export function priceAt(body: unknown, path: string): number | null {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1_000_000 ? n : null;
}

/**
 * The FLUX price source: the user's own value (Settings), or a price URL fetched once per UTC day
 * while FluxDeck runs. A fetched price becomes the current price and that day's stored price, with
 * the URL's host as its source, so USD figures say where they came from.
 */
export class PriceFeed {
  private readonly prices: FluxPricesRepo;
  private inFlight: Promise<PriceSourceView> | null = null;
  private lastAttempt = 0;
  private lastError: string | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly rewards: RewardsSettingsStore,
    db: Db,
    private readonly now: () => number,
    private readonly onPrice: () => void,
  ) {
    this.prices = new FluxPricesRepo(db);
  }

  source(): PriceSource {
    const parsed = PriceSource.safeParse({ ...DEFAULT_PRICE_SOURCE, ...(this.stored() ?? {}) });
    return parsed.success ? parsed.data : DEFAULT_PRICE_SOURCE;
  }

  view(): PriceSourceView {
    return { ...this.source(), latest: this.prices.latest(), lastError: this.lastError };
  }

  save(update: Partial<PriceSource>): PriceSourceView {
    const parsed = PriceSource.safeParse({ ...this.source(), ...update });
    if (!parsed.success) throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? 'invalid price source');
    this.settings.set(PRICE_SOURCE_KEY, parsed.data);
    this.lastError = null;
    return this.view();
  }

  /** Called on every poll result: fetches when the URL is the source and today has no fetched price. */
  maybeRefresh(): void {
    // The stored kind decides first: validating the whole source for every result is for nothing
    // while the price is the user's own (the default).
    if ((this.stored()?.kind ?? DEFAULT_PRICE_SOURCE.kind) !== 'url') return;
    const source = this.source();
    if (source.kind !== 'url' || this.inFlight || this.now() - this.lastAttempt < RETRY_MS) return;
    const latest = this.prices.latest();
    if (latest?.day === utcDay(this.now()) && latest.source.startsWith('price URL')) return;
    void this.refresh().catch(() => undefined);
  }

  /** Fetches now; the error (in words) is kept for Settings and also thrown. */
  refresh(): Promise<PriceSourceView> {
    this.inFlight ??= this.fetchOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchOnce(): Promise<PriceSourceView> {
    const source = this.source();
    this.lastAttempt = this.now();
    try {
      const usd = await fetchPrice(source.url, source.path);
      this.rewards.save({ fluxPriceUsd: usd });
      this.prices.upsert({ day: utcDay(this.now()), usd, source: `price URL ${new URL(source.url).host}` }, this.now());
      this.lastError = null;
      this.onPrice();
      return this.view();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      throw new AppError('UNAVAILABLE', this.lastError);
    }
  }

  private stored(): Partial<PriceSource> | null {
    const raw = this.settings.get(PRICE_SOURCE_KEY);
    return typeof raw === 'object' && raw !== null ? (raw) : null;
  }
}

async function fetchPrice(url: string, path: string): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' }, redirect: 'error' });
  } catch (error) {
    throw new Error(`Could not reach ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`${new URL(url).host} answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BODY) throw new Error(`${new URL(url).host} sent more than 64 KiB`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${new URL(url).host} did not send JSON`);
  }
  const usd = priceAt(body, path);
  if (usd === null) throw new Error(`No price at "${path}" in the answer of ${new URL(url).host}`);
  return usd;
}
