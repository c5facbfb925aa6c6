import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { CollateralOverview, CollateralRow } from '../../../src-shared/contract/collateral.contract';
import type { ChainParams, Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { heightOfStatus } from '../chain/chain-height';
import type { CollateralWatch } from './collateral-watch';
import { COLLATERAL_SPENT } from './collateral-watch';
import { tryParseOutPoint } from './outpoint';
import { collateralVerdict } from './verdict';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One node's row: the watch's verdict when it has one, else a verdict from the reported values. */
function rowOf(params: ChainParams, status: NodeStatus, watch: CollateralWatch): CollateralRow {
  const f = status.fluxnode;
  const state = watch.state(status.nodeId);
  const outpoint = state?.outpoint ?? (f?.txhash && f.outidx !== null ? tryParseOutPoint(`${f.txhash}:${f.outidx}`) : null);
  let verdict = state?.verdict ?? null;
  if (!verdict && outpoint && f) {
    verdict = collateralVerdict(params, { outpoint, height: heightOfStatus(status) ?? params.upgrades.pon, reportedTier: f.tier, reportedAmount: f.amount });
  }
  const spent = state?.spent ?? false;
  const problems: { code: string; message: string }[] = [...(verdict?.problems ?? [])];
  if (spent) problems.unshift({ code: COLLATERAL_SPENT, message: state?.spentMessage ?? 'collateral spent' });
  return {
    nodeId: status.nodeId,
    name: status.name,
    tags: status.tags,
    status: f?.status ?? null,
    txid: outpoint?.txid ?? null,
    vout: outpoint?.n ?? null,
    amountFlux: verdict?.amountFlux ? Number(verdict.amountFlux) : null,
    reportedTier: verdict?.reportedTier ?? null,
    impliedTier: verdict?.impliedTier ?? null,
    mismatch: verdict?.mismatch ?? false,
    confirmations: verdict?.confirmations ?? null,
    unspent: spent ? false : (verdict?.unspent ?? null),
    spent,
    checkedAt: state?.checkedAt ?? null,
    method: state?.method ?? 'reported',
    problems: problems.map((p) => ({ code: p.code, message: p.message })),
  };
}

/** Per-node collateral and the fleet total (spent outputs excluded) in FLUX and, with a price, USD. */
export function collateralOverview(params: ChainParams, statuses: readonly NodeStatus[], watch: CollateralWatch, priceUsd: number | null): CollateralOverview {
  const rows = statuses.map((s) => rowOf(params, s, watch));
  const byTier = { CUMULUS: { nodes: 0, flux: 0 }, NIMBUS: { nodes: 0, flux: 0 }, STRATUS: { nodes: 0, flux: 0 } } satisfies Record<Tier, { nodes: number; flux: number }>;
  let total = 0;
  let counted = 0;
  for (const row of rows) {
    if (row.spent || row.amountFlux === null) continue;
    total += row.amountFlux;
    counted++;
    const tier = row.impliedTier ?? row.reportedTier;
    if (tier) {
      byTier[tier].nodes++;
      byTier[tier].flux += row.amountFlux;
    }
  }
  const parts = TIERS.filter((t) => byTier[t].nodes > 0).map((t) => `${t} ${byTier[t].nodes} nodes ${byTier[t].flux} FLUX`);
  const totalFlux = {
    value: total,
    formula: `${parts.length ? parts.join(' + ') : 'no known amounts'} = ${total} FLUX (${counted} of ${rows.length} nodes; spent outputs excluded)`,
    inputs: [
      { name: 'nodes with a known amount', value: counted, source: 'gettxout value, else getfluxnodestatus amount' },
      ...TIERS.map((t) => ({ name: `${t} collateral (FLUX)`, value: byTier[t].flux, source: 'sum over your nodes' })),
    ],
  };
  return {
    rows,
    minConfirmations: params.collateral.minConfirmations,
    priceUsd,
    totalFlux,
    totalUsd:
      priceUsd === null
        ? null
        : {
            value: round2(total * priceUsd),
            formula: `${total} FLUX × $${priceUsd} = $${round2(total * priceUsd).toFixed(2)}`,
            inputs: [
              { name: 'collateral (FLUX)', value: total, source: totalFlux.formula },
              { name: 'FLUX price (USD)', value: priceUsd, source: 'your FLUX price (Settings)' },
            ],
          },
    byTier,
  };
}
