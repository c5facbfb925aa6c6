import type Database from 'better-sqlite3';
import { z } from 'zod';

/** Daily FLUX/USD prices (table `flux_prices`, migration 004), used for USD columns in reports. */
export interface FluxPrice {
  /** 'YYYY-MM-DD' (UTC). */
  day: string;
  usd: number;
  source: string;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const priceSchema = z.object({ day: z.string().regex(DAY), usd: z.number().finite().nonnegative(), source: z.string().min(1).max(200) });

/** Thrown for a malformed price (never written). */
export class PriceError extends Error {
  override name = 'PriceError';
}

/** The UTC day of a ms timestamp, 'YYYY-MM-DD'. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class FluxPricesRepo {
  constructor(private readonly db: Database.Database) {}

  /** Inserts or replaces the price of one day. */
  upsert(price: FluxPrice, nowMs: number = Date.now()): void {
    const parsed = priceSchema.safeParse(price);
    if (!parsed.success) throw new PriceError(`invalid price: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    this.db
      .prepare(
        `INSERT INTO flux_prices (day, usd, source, updated_at) VALUES (@day, @usd, @source, @now)
         ON CONFLICT (day) DO UPDATE SET usd = excluded.usd, source = excluded.source, updated_at = excluded.updated_at`,
      )
      .run({ ...parsed.data, now: nowMs });
  }

  /** Prices for days in [fromDay, toDay] inclusive, keyed by day. */
  range(fromDay: string, toDay: string): Map<string, number> {
    if (!DAY.test(fromDay) || !DAY.test(toDay)) throw new PriceError('days must be YYYY-MM-DD');
    const rows = this.db.prepare('SELECT day, usd FROM flux_prices WHERE day >= ? AND day <= ? ORDER BY day').all(fromDay, toDay);
    const out = new Map<string, number>();
    for (const raw of rows) {
      const row = z.object({ day: z.string(), usd: z.number() }).parse(raw);
      out.set(row.day, row.usd);
    }
    return out;
  }

  /** The newest stored price, or null when none is stored. */
  latest(): FluxPrice | null {
    const raw: unknown = this.db.prepare('SELECT day, usd, source FROM flux_prices ORDER BY day DESC LIMIT 1').get();
    return raw === undefined ? null : priceSchema.parse(raw);
  }
}
