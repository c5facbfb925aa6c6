import { z } from 'zod';
import mainnetJson from '../../../resources/chain/mainnet.json';

/** The three FluxNode tiers, spelled as fluxd prints them (`getfluxnodestatus.tier`). */
export const TIERS = ['CUMULUS', 'NIMBUS', 'STRATUS'] as const;
export type Tier = (typeof TIERS)[number];

const height = z.number().int().min(0).max(2 ** 31 - 1);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positive = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const percent = z.number().min(0).max(100);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Pre-PoN percentages are C++ double literals; kept as decimal text so they parse to the same double. */
const decimalFraction = z.string().regex(/^0?\.\d{1,12}$|^1(\.0+)?$|^0$/, 'expected a decimal fraction like "0.0375"');

const perTier = <T extends z.ZodType>(schema: T) => z.object({ CUMULUS: schema, NIMBUS: schema, STRATUS: schema });

const upgradeName = z.enum(['genesis', 'flux', 'halving', 'p2shNodes', 'pon']);
export type UpgradeName = z.infer<typeof upgradeName>;
/** A value that applies from an upgrade's activation height on; eras are listed oldest first. */
const eras = z.array(z.object({ from: upgradeName, value: count })).min(1);
export type HeightEras = z.infer<typeof eras>;

/** Schema of `resources/chain/<network>.json` (schemaVersion 1). */
export const chainParamsSchema = z
  .object({
    schemaVersion: z.literal(1),
    network: z.string().min(1),
    fluxdSnapshot: z.string(),
    coinSat: z.literal(100_000_000),
    upgrades: z.object({ flux: height, halving: height, p2shNodes: height, pon: height }),
    blockTime: z.object({ powSpacingSeconds: positive, ponSpacingSeconds: positive }),
    referenceBlock: z.object({ height, timeUnix: count }),
    ponSubsidy: z.object({
      initialSubsidyFlux: count,
      reductionIntervalBlocks: positive,
      maxReductions: count,
      reductionNumerator: count,
      reductionDenominator: positive,
      tierBaseSat: perTier(count),
      tierBaseTotalSat: positive,
    }),
    powSubsidy: z.object({
      baseSubsidyFlux: count,
      premineHeight: height,
      premineFlux: count,
      slowStartIntervalBlocks: positive,
      halvingIntervalBlocks: positive,
      maxHalvings: z.number().int().min(0).max(63),
      tierPercent: perTier(decimalFraction),
      tierPercentMultiplierAfterFlux: z.number().int().min(1).max(4),
    }),
    fluxnodePaymentsStartHeight: height,
    devFundAddress: z.string().min(1),
    collateral: z.object({
      minConfirmations: count,
      tiers: perTier(
        z.object({ v1Flux: positive, v2Flux: positive, transitionStart: height, transitionEnd: height }),
      ),
    }),
    nodeTiming: z.object({
      startTxExpirationBlocks: eras,
      dosRemoveBlocks: eras,
      confirmMinIntervalBlocks: eras,
      confirmExpirationBlocks: eras,
      ipChangeMinBlocks: eras,
    }),
    parallelAssets: z.object({
      shareOfNativeRewardPercent: percent,
      programLaunchDate: dateOnly,
      chains: z.array(
        z.object({
          id: z.string().min(1),
          name: z.string().min(1),
          token: z.string(),
          startDate: dateOnly.nullable(),
          endDate: dateOnly.nullable(),
        }),
      ),
    }),
    pnr: z.object({
      implementedInPublicCode: z.boolean(),
      arcaneOperatorsPercent: percent,
      arcaneAppHostsPercent: percent,
      revenueShareInitialPercent: percent,
      revenueShareStepPercentPerYear: percent,
      revenueShareMaxPercent: percent,
      startDate: dateOnly.nullable(),
    }),
    sources: z.record(z.string(), z.string()),
  })
  .superRefine((p, ctx) => {
    for (const tier of TIERS) {
      const c = p.collateral.tiers[tier];
      if (c.transitionStart > c.transitionEnd) {
        ctx.addIssue({ code: 'custom', path: ['collateral', 'tiers', tier], message: 'transitionStart > transitionEnd' });
      }
    }
    const baseSum = TIERS.reduce((sum, t) => sum + p.ponSubsidy.tierBaseSat[t], 0);
    if (baseSum > p.ponSubsidy.tierBaseTotalSat) {
      ctx.addIssue({ code: 'custom', path: ['ponSubsidy', 'tierBaseSat'], message: 'tier bases exceed the total' });
    }
  });

export type ChainParamsData = z.infer<typeof chainParamsSchema>;

/** Validated chain parameters plus the dotted paths a user override changed ("uses an override"). */
export type ChainParams = ChainParamsData & { readonly overridden: readonly string[] };

/** Thrown when the bundled file or a user override does not produce valid parameters. */
export class ChainParamsError extends Error {
  override name = 'ChainParamsError';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Deep-merges `override` into a copy of `base`; arrays and scalars replace wholesale. Records leaf paths. */
function mergeInto(base: unknown, override: unknown, path: string, changed: string[]): unknown {
  if (!isPlainObject(override) || !isPlainObject(base)) {
    changed.push(path);
    return override;
  }
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    if (FORBIDDEN_KEYS.has(key)) throw new ChainParamsError(`override key "${key}" is not allowed`);
    const childPath = path === '' ? key : `${path}.${key}`;
    if (!Object.prototype.hasOwnProperty.call(base, key)) {
      throw new ChainParamsError(`unknown chain parameter "${childPath}"`);
    }
    out[key] = mergeInto(base[key], override[key], childPath, changed);
  }
  return out;
}

/**
 * Loads the bundled mainnet parameters, deep-merging optional user overrides (e.g. from settings).
 * Unknown keys, `__proto__` keys and values that fail validation throw a ChainParamsError.
 */
export function loadChainParams(overrides?: unknown): ChainParams {
  const changed: string[] = [];
  let merged: unknown = mainnetJson;
  if (overrides !== undefined && overrides !== null) {
    if (!isPlainObject(overrides)) throw new ChainParamsError('chain parameter overrides must be an object');
    if ('sources' in overrides) throw new ChainParamsError('"sources" cannot be overridden');
    merged = mergeInto(mainnetJson, overrides, '', changed);
  }
  const parsed = chainParamsSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    throw new ChainParamsError(`invalid chain parameters at "${where}": ${first?.message ?? 'unknown error'}`);
  }
  return { ...parsed.data, overridden: Object.freeze([...new Set(changed)]) };
}

/** True when `path` (dotted) or any part above or below it was changed by a user override. */
export function isOverridden(params: ChainParams, path: string): boolean {
  return params.overridden.some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
}

/**
 * Where a parameter comes from: "user override" when overridden, otherwise the longest matching entry
 * of the `sources` map (the fluxd file or document that defines the number).
 */
export function sourceOf(params: ChainParams, path: string): string {
  if (isOverridden(params, path)) return 'user override';
  let key = path;
  for (;;) {
    const found = params.sources[key];
    if (found !== undefined) return found;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return 'resources/chain/mainnet.json';
    key = key.slice(0, dot);
  }
}

/** Activation height of an upgrade; `genesis` is 0. */
export function upgradeHeight(params: ChainParams, name: UpgradeName): number {
  return name === 'genesis' ? 0 : params.upgrades[name];
}

/**
 * The value of a height-dependent threshold at `height`: the last era whose upgrade is active there.
 * Returns null before the first era starts (e.g. the IP-change rule before the FLUX upgrade).
 */
export function eraValueAt(params: ChainParams, list: HeightEras, height: number): number | null {
  let value: number | null = null;
  let bestFrom = -1;
  for (const era of list) {
    const from = upgradeHeight(params, era.from);
    if (height >= from && from >= bestFrom) {
      value = era.value;
      bestFrom = from;
    }
  }
  return value;
}
