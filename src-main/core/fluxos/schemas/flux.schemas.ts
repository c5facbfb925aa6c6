import { z } from 'zod';
import { intLike } from './lenient';

/* `/flux/*` answers are scalars (flux-facts §1.3). */

/* Schemas are built once, here, not per answer (building one costs far more than parsing with it). */

const fluxVersion = z
  .string()
  .trim()
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]{1,40})?$/);

/** `/flux/version`: FluxOS's package.json version, e.g. `8.17.0`. */
export function normalizeFluxVersion(data: unknown): string {
  return fluxVersion.parse(data);
}

const flag = z.boolean();

/** `/flux/isarcaneos`: fluxbench's `systemsecure` flag. */
export function normalizeIsArcaneOs(data: unknown): boolean {
  return flag.parse(data);
}

const uptimeSeconds = z
  .union([intLike, z.number().finite()])
  .pipe(z.number().nonnegative())
  .transform((v) => Math.floor(v));

/** `/flux/uptime`: FluxOS process uptime in whole seconds (process.uptime() may carry decimals). */
export function normalizeUptimeSeconds(data: unknown): number {
  return uptimeSeconds.parse(data);
}

const moduleVersion = z
  .string()
  .trim()
  .regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}$/);

/** What `stats.runonflux.io/getmodulesminimumversions` serves: only these two (fluxstats modulesMinVersions.json). */
export interface ModulesMinimumVersions {
  syncthing: string | null;
  docker: string | null;
}

/**
 * `/getmodulesminimumversions`: `{"syncthing":"2.0.10","docker":"26.1.2"}`. A key that is missing
 * or not a plain version is null (FluxOS then falls back to its own config value, as we do).
 */
const modulesSchema = z.object({ syncthing: z.unknown().optional(), docker: z.unknown().optional() });

export function normalizeModulesMinimumVersions(data: unknown): ModulesMinimumVersions {
  const s = modulesSchema.parse(data);
  const read = (v: unknown): string | null => {
    const parsed = moduleVersion.safeParse(v);
    return parsed.success ? parsed.data : null;
  };
  return { syncthing: read(s.syncthing), docker: read(s.docker) };
}

/** One node of a Flux ID as stats.runonflux.io's vote-power route lists it. */
export interface FluxIdNode {
  tier: string | null;
  /** The node's own `flux.ip` (`a.b.c.d:16127`). */
  ip: string;
  txhash: string;
  outidx: number;
  paymentAddress: string;
}

const fluxIdNode = z.object({
  tier: z.string().max(16).nullish(),
  ip: z.string().min(1).max(64),
  txhash: z.string().regex(/^[0-9a-fA-F]{64}$/),
  outidx: intLike,
  address: z.string().regex(/^[A-Za-z0-9]{20,64}$/),
});

/**
 * `/proposals/votepower/:zelid` (fluxstats proposalService.js votePower): `{power, nodes:[{tier, ip,
 * txhash, outidx, address, power, zelid}]}`, the nodes whose FluxOS runs under that Flux ID in the
 * last crawl round. Unreadable entries are dropped, not guessed.
 */
const votePowerSchema = z.object({ nodes: z.array(z.unknown()) });

export function normalizeVotePower(data: unknown): FluxIdNode[] {
  const { nodes } = votePowerSchema.parse(data);
  return nodes.flatMap((item) => {
    const parsed = fluxIdNode.safeParse(item);
    if (!parsed.success) return [];
    const n = parsed.data;
    return [{ tier: n.tier ?? null, ip: n.ip, txhash: n.txhash.toLowerCase(), outidx: n.outidx, paymentAddress: n.address }];
  });
}
