import { z } from 'zod';
import capacityJson from '../../../resources/apps/capacity.json';
import { explained, type Explained } from '../../../src-shared/explained';

/*
 * What a node can give apps, as FluxOS computes it when it validates a spec for a tier
 * (`appRequirements/appValidator.js`): the tier's capacity constant (`fluxSpecifics`) minus the
 * share locked for the system (`lockedSystemResources`). CPU is kept in tenths of a core there.
 * `extrahdd` is not part of it: FluxOS takes it off a node's measured disk, not off the constant.
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

export type CapacityTier = 'cumulus' | 'nimbus' | 'stratus';

/** fluxd's CUMULUS/NIMBUS/STRATUS (any case) as the key FluxOS's config uses, or null. */
export function capacityTier(tier: string | null | undefined): CapacityTier | null {
  const key = tier?.toLowerCase();
  return key === 'cumulus' || key === 'nimbus' || key === 'stratus' ? key : null;
}

export interface AppCapacity {
  cpu: Explained<number>;
  ramMb: Explained<number>;
  hddGb: Explained<number>;
}

/** Usable app capacity of a node of `tier`, each figure with its formula and inputs; null when the tier is unknown. */
export function appCapacity(tier: string | null | undefined, data: CapacityData = capacityData()): AppCapacity | null {
  const key = capacityTier(tier);
  if (!key) return null;
  const spec = data.fluxSpecifics;
  const locked = data.lockedSystemResources;
  // Each input names the FluxOS config key it is; the date and version are in capacity.json.
  const from = (field: string) => `FluxOS ZelBack/config/default.js ${field} (${data.date})`;
  return {
    cpu: explained((spec.cpu[key] - locked.cpu) / 10, '(fluxSpecifics.cpu − lockedSystemResources.cpu) / 10 cores', [
      { name: `fluxSpecifics.cpu.${key}`, value: spec.cpu[key], source: from('fluxSpecifics') },
      { name: 'lockedSystemResources.cpu', value: locked.cpu, source: from('lockedSystemResources') },
    ]),
    ramMb: explained(spec.ram[key] - locked.ram, 'fluxSpecifics.ram − lockedSystemResources.ram MB', [
      { name: `fluxSpecifics.ram.${key}`, value: spec.ram[key], source: from('fluxSpecifics') },
      { name: 'lockedSystemResources.ram', value: locked.ram, source: from('lockedSystemResources') },
    ]),
    hddGb: explained(spec.hdd[key] - locked.hdd, 'fluxSpecifics.hdd − lockedSystemResources.hdd GB', [
      { name: `fluxSpecifics.hdd.${key}`, value: spec.hdd[key], source: from('fluxSpecifics') },
      { name: 'lockedSystemResources.hdd', value: locked.hdd, source: from('lockedSystemResources') },
    ]),
  };
}
