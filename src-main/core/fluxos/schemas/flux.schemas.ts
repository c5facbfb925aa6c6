import { z } from 'zod';
import { intLike } from './lenient';

/* `/flux/*` answers are scalars (flux-facts §1.3). */

/** `/flux/version`: FluxOS's package.json version, e.g. `8.17.0`. */
export function normalizeFluxVersion(data: unknown): string {
  return z
    .string()
    .trim()
    .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]{1,40})?$/)
    .parse(data);
}

/** `/flux/isarcaneos`: fluxbench's `systemsecure` flag. */
export function normalizeIsArcaneOs(data: unknown): boolean {
  return z.boolean().parse(data);
}

/** `/flux/uptime`: FluxOS process uptime in whole seconds (process.uptime() may carry decimals). */
export function normalizeUptimeSeconds(data: unknown): number {
  return z
    .union([intLike, z.number().finite()])
    .pipe(z.number().nonnegative())
    .transform((v) => Math.floor(v))
    .parse(data);
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
export function normalizeModulesMinimumVersions(data: unknown): ModulesMinimumVersions {
  const s = z.object({ syncthing: z.unknown().optional(), docker: z.unknown().optional() }).parse(data);
  const read = (v: unknown): string | null => {
    const parsed = moduleVersion.safeParse(v);
    return parsed.success ? parsed.data : null;
  };
  return { syncthing: read(s.syncthing), docker: read(s.docker) };
}
