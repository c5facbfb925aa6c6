import { z } from 'zod';

/**
 * Full state of one simulated node. Every HTTP route and SSH command is derived from it, so the two
 * transports always agree. Objects are loose: extra keys in the fleet file are served as given.
 */

export const tierSchema = z.enum(['CUMULUS', 'NIMBUS', 'STRATUS']);
export type Tier = z.infer<typeof tierSchema>;

/** `status` as fluxd prints it; `expired` is the lowercase no-record answer. */
export const nodeStatusSchema = z.enum(['CONFIRMED', 'STARTED', 'DOS', 'OFFLINE', 'expired']);
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

const height = z.number().int().min(0);

export const fluxnodeRecordSchema = z.looseObject({
  status: nodeStatusSchema,
  txhash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
  outidx: z.number().int().min(0),
  ip: z.string().min(1),
  network: z.string(),
  added_height: height,
  confirmed_height: height,
  last_confirmed_height: height,
  last_paid_height: height,
  tier: tierSchema,
  payment_address: z.string().min(1),
  pubkey: z.string(),
});
export type FluxnodeRecord = z.infer<typeof fluxnodeRecordSchema>;

const serviceState = z.enum(['active', 'inactive', 'failed', 'activating', 'deactivating']);

export const systemSchema = z.looseObject({
  hostname: z.string().min(1),
  arch: z.string().min(1),
  cpus: z.number().int().min(1),
  disk: z.looseObject({
    filesystem: z.string().min(1),
    mount: z.string().min(1),
    sizeBytes: z.number().int().min(0),
    usedBytes: z.number().int().min(0),
  }),
  memory: z.looseObject({
    totalBytes: z.number().int().min(0),
    usedBytes: z.number().int().min(0),
    sharedBytes: z.number().int().min(0),
    buffCacheBytes: z.number().int().min(0),
    swapTotalBytes: z.number().int().min(0),
    swapUsedBytes: z.number().int().min(0),
  }),
  load: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]),
  /** Migration hardware (all optional; absent = a qualifying bare-metal box, see hardware-commands.ts). */
  firmware: z.enum(['uefi', 'bios']).optional(),
  tpmVersion: z.union([z.literal(2), z.literal(1), z.null()]).optional(),
  secureBoot: z.boolean().nullable().optional(),
  virtualization: z.string().regex(/^[a-z0-9_-]{1,32}$/).optional(),
  cpuFlags: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/)).optional(),
});
export type SystemState = z.infer<typeof systemSchema>;

export const nodeStateSchema = z.looseObject({
  fluxnodeStatus: fluxnodeRecordSchema,
  /** fluxd `getinfo`; `blocks` is always replaced by `blockCount`. */
  daemonInfo: z.record(z.string(), z.unknown()),
  blockCount: height,
  benchmarks: z.record(z.string(), z.unknown()),
  benchStatus: z.record(z.string(), z.unknown()),
  benchInfo: z.record(z.string(), z.unknown()),
  fluxVersion: z.string().min(1),
  isArcaneOS: z.boolean(),
  /** FluxOS process uptime, seconds. */
  uptime: z.number().int().min(0),
  /** OS uptime, seconds. */
  systemUptime: z.number().int().min(0),
  /** Docker containers as `/apps/listrunningapps` returns them; derived from `installedApps` when absent. */
  runningApps: z.array(z.record(z.string(), z.unknown())).optional(),
  /** FluxOS app specs as `/apps/installedapps` returns them (flat v1–v3, or v4+ with `compose[]`). */
  installedApps: z.array(z.record(z.string(), z.unknown())),
  /** `{appsCpusLocked, appsRamLocked, appsHddLocked}`; derived from `installedApps` when absent. */
  appsResources: z.record(z.string(), z.unknown()).optional(),
  /** Apps that come and go with the chain: installed while `fromHeight <= height < untilHeight`. */
  /**
   * Apps that come and go: installed from `fromHeight` until `untilHeight`. With `"relative": true`
   * the heights count blocks from the fleet's starting height (a demo whose chain follows the clock).
   */
  scheduledApps: z
    .array(z.looseObject({ fromHeight: height, untilHeight: height.optional(), relative: z.boolean().optional(), spec: z.record(z.string(), z.unknown()) }))
    .optional(),
  /** Served as the data of `/flux/geolocation`, over a default derived from the node's IP. */
  geolocation: z.record(z.string(), z.unknown()).optional(),
  /** Extra keys merged into `/flux/info` `data.flux` (osPrettyName, arcaneVersion, …). */
  fluxInfo: z.record(z.string(), z.unknown()),
  services: z.record(z.string(), serviceState),
  system: systemSchema,
  /** Simulation knob: whether the node keeps sending confirmations (false → DOS/expiry). */
  confirming: z.boolean(),
  /** Collateral UTXO as `gettxout` sees it: spent or not, and the height it was mined at. */
  collateral: z.looseObject({ spent: z.boolean(), height, value: z.number().min(0) }),
  /** `restricted` models ArcaneOS's operator shell: no flux-cli, fluxbench-cli, docker, systemctl. */
  sshShell: z.enum(['full', 'restricted']),
  /** "After install": at `atBlock` the node becomes ArcaneOS with a new `ip`, STARTED, then CONFIRMED. */
  reinstall: z.object({ atBlock: height, ip: z.string().min(1).max(64) }).optional(),
});
export type NodeState = z.infer<typeof nodeStateSchema>;

/** Recursively optional view of a state, as written in fleet files and passed to `setState`. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges `patch` over `base` (objects merge, arrays and scalars replace). Keys that could
 * pollute prototypes are skipped, so a hostile fleet file cannot reach Object.prototype.
 */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = isPlainObject(out[key]) && isPlainObject(value) ? deepMerge(out[key], value) : value;
  }
  return out as T;
}
