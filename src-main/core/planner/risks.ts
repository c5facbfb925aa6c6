import type { ResolvedPlannerInputs } from '../../../src-shared/contract/planner.contract';
import type { OptionDraft } from './plan';

/**
 * What could make an option pay less than planned, in words (flux-facts §3.6, §3.8, §3.9). Flux has no
 * slashing, but a node that misses its confirmations expires and is not paid until it is started again.
 */
export function risksOf(inputs: ResolvedPlannerInputs, o: OptionDraft): string[] {
  const price = 'Price: rewards are worth what FLUX is worth each month; the capital itself also moves with the price (not counted in net USD).';
  if (o.kind === 'titan') {
    const out = [
      'Counterparty: Titan is operated by the Flux team from a multisig; its backend is not public.',
      `Rates: Titan's APR and fee are set by Titan and not published; ${o.basis.titan?.aprPercent ?? 0}% APR and ${o.basis.titan?.feePercent ?? 0}% fee are your inputs.`,
      `Liquidity: the stake is locked for ${o.lockupMonths ?? 0} months (auto-reinvest is on by default); payouts twice a week can be delayed up to 10 days.`,
      'No parallel-asset mining rewards on Titan.',
      price,
    ];
    if ((o.lockupMonths ?? 0) > inputs.months) out.push(`Your ${inputs.months}-month horizon ends before the ${o.lockupMonths}-month lockup: the FLUX stays locked after it.`);
    return out;
  }
  const out = [
    `Expiry: no slashing on Flux, but a node that misses its confirmations for 640 blocks (about 5 h 20 min) expires and earns nothing until restarted; ${inputs.uptimePercent}% uptime assumed.`,
    'Queue: more enabled nodes in the tier means less per node; the counts and their growth are assumptions.',
    price,
  ];
  if (o.kind === 'managed') out.push(`Counterparty: the provider runs the node and takes ${inputs.managedFeePercent}% of rewards; its uptime decides your income.`);
  else out.push('Costs are in USD and due even when FLUX falls.');
  if (o.arcane) out.push('PNR is not implemented in any public code: the ArcaneOS extra is a what-if from your FluxCloud revenue assumption.');
  if (o.upfrontUsd > 0) out.push('Hardware can fail and loses resale value.');
  if (o.leftoverSat > 0n) out.push('The FLUX left over earns nothing here; it could go to Titan (see the Titan options).');
  return out;
}
