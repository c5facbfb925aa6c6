import { z } from 'zod';
import capacityJson from '../../../resources/apps/capacity.json';

/*
 * What a node can give apps, as FluxOS computes it: the tier's capacity constant
 * (`fluxSpecifics`) minus the share locked for the system (`lockedSystemResources`). CPU is kept
 * in tenths of a core there; disk loses both `hdd` and `extrahdd`.
 */

const perTier = z.object({ cumulus: z.number(), nimbus: z.number(), stratus: z.number() });

const capacitySchema = z.object({
  schemaVersion: z.literal(1),
  date: z.string(),
  source: z.string(),
  fluxSpecifics: z.object({ cpu: perTier, ram: perTier, hdd: perTier }),
  lockedSystemResources: z.object({ cpu: z.number(), ram: z.number(), hdd: z.number(), extrahdd: z.number() }),
  placement: z.object({ source: z.string(), defaultShare: z.number().gt(0).lte(1), maxNodesPerIp: z.number().int().min(1) }),
});

export type CapacityData = z.infer<typeof capacitySchema>;

let cached: CapacityData | undefined;

/** The constants in `resources/apps/capacity.json`, validated once. */
export function capacityData(): CapacityData {
  cached ??= capacitySchema.parse(capacityJson);
  return cached;
}

export interface AppCapacity {
  cpu: number;
  ramMb: number;
  hddGb: number;
  /** How the figures were derived, for the explanation next to the bars. */
  formula: string;
}

/** Usable app capacity of a node of `tier` (fluxd's CUMULUS/NIMBUS/STRATUS), or null when unknown. */
export function appCapacity(tier: string | null | undefined, data: CapacityData = capacityData()): AppCapacity | null {
  const key = tier?.toLowerCase();
  if (key !== 'cumulus' && key !== 'nimbus' && key !== 'stratus') return null;
  const spec = data.fluxSpecifics;
  const locked = data.lockedSystemResources;
  return {
    cpu: (spec.cpu[key] - locked.cpu) / 10,
    ramMb: spec.ram[key] - locked.ram,
    hddGb: spec.hdd[key] - locked.hdd - locked.extrahdd,
    formula:
      `cpu (${spec.cpu[key]} − ${locked.cpu}) / 10 cores, ram ${spec.ram[key]} − ${locked.ram} MB, ` +
      `hdd ${spec.hdd[key]} − ${locked.hdd} − ${locked.extrahdd} GB (${data.source})`,
  };
}
