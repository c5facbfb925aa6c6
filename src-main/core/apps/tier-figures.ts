import type { InstalledAppComponent, SpecFigures, SpecTier } from '../../../src-shared/fluxos.types';
import { capacityTier } from './capacity';

const SPEC_TIER = { cumulus: 'basic', nimbus: 'super', stratus: 'bamf' } as const satisfies Record<string, SpecTier>;

/** fluxd's tier (CUMULUS/NIMBUS/STRATUS) as FluxOS names it in tiered specs, or null when unknown. */
export function specTierOf(tier: string | null | undefined): SpecTier | null {
  const key = capacityTier(tier);
  return key ? SPEC_TIER[key] : null;
}

/** A component's figures on a node, and the tier they were taken for (null: the spec's plain figures). */
export interface FiguresOnNode extends SpecFigures {
  tier: SpecTier | null;
}

/**
 * What a component asks of a node of `tier`, picked as FluxOS does (`hwRequirements.totalAppHWRequirements`,
 * `resourceQueryService.appsResources`): a tiered spec's figure for the node's tier where it is set
 * and non-zero (`component[cpuTier] || component.cpu`), else the plain figure.
 */
export function figuresOn(component: InstalledAppComponent, tier: SpecTier | null): FiguresOnNode {
  const tiered = tier && component.tiers ? component.tiers[tier] : null;
  if (!tiered) return { cpu: component.cpu, ramMb: component.ramMb, hddGb: component.hddGb, tier: null };
  return { cpu: tiered.cpu || component.cpu, ramMb: tiered.ramMb || component.ramMb, hddGb: tiered.hddGb || component.hddGb, tier };
}
