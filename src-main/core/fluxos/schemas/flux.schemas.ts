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
