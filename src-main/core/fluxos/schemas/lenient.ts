import { z } from 'zod';
import type { FluxTier } from '../../../../src-shared/fluxos.types';

/*
 * Field readers for node answers. fluxd prints some numbers as strings ("1000.00", "1762000000") and
 * uses numeric 0 for "unknown"; optional fields may be missing or have a surprising type. Required
 * fields fail the parse (the client turns that into BAD_RESPONSE); optional ones fall back to null.
 */

const MAX_TEXT = 512;

/** A finite number, or a string holding one (`"1000.00"`). */
export const numberLike = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/)
    .transform(Number),
]);

/** An integer, or a string holding one. */
export const intLike = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d{1,16}$/)
    .transform(Number),
]);

/** Bounded free text from the node. */
export const text = z.string().max(MAX_TEXT);

/** Optional number: missing, null or unreadable becomes null. */
export const optNumber = numberLike.nullish().catch(null).transform((v) => v ?? null);

/** Optional integer: missing, null or unreadable becomes null. */
export const optInt = intLike.nullish().catch(null).transform((v) => v ?? null);

/** Optional text: missing, non-string or oversized becomes null; empty stays empty. */
export const optText = text.nullish().catch(null).transform((v) => v ?? null);

/** Optional boolean: missing or non-boolean becomes null. */
export const optBool = z.boolean().nullish().catch(null).transform((v) => v ?? null);

/** Unix seconds where fluxd uses numeric/string 0 for "unknown". */
export const optUnixSeconds = optNumber.transform((v) => (v === null || v <= 0 ? null : Math.trunc(v)));

const TIERS: readonly FluxTier[] = ['CUMULUS', 'NIMBUS', 'STRATUS'];

/** A tier name (case-insensitive), else null. */
export function toTier(value: unknown): FluxTier | null {
  if (typeof value !== 'string') return null;
  const upper = value.toUpperCase();
  return (TIERS as readonly string[]).includes(upper) ? (upper as FluxTier) : null;
}

export const optTier = z.unknown().transform(toTier);

/** Reads `COutPoint(<hash>, <n>)`, fluxd's collateral format. */
export function parseOutPoint(value: string | null): { txhash: string; outidx: number } | null {
  if (value === null) return null;
  const match = /^COutPoint\(([0-9a-fA-F]{64}), (\d{1,6})\)$/.exec(value.trim());
  if (!match?.[1] || match[2] === undefined) return null;
  return { txhash: match[1].toLowerCase(), outidx: Number(match[2]) };
}
