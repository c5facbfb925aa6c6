import type { CostFigures, ExplainedNumber } from '../../../src-shared/contract';
import { round2, satFlux } from '../rewards/earnings';
import type { EarningPolls } from './uptime';

/**
 * Pure arithmetic of the costs view: one node's month (income, cost, net, drop losses, uptime) and
 * sums over groups (provider, owner, fleet). Every figure keeps its formula and inputs.
 */

const DAY_MS = 86_400_000;
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
const days = (ms: number): string => (ms / DAY_MS).toFixed(2);

/** What the costs service gathered about one node for one month. */
export interface NodeMonthFacts {
  month: string;
  monthlyCostUsd: number | null;
  /** How long the node was registered within the covered stretch, and the month's length (ms). */
  coveredMs: number;
  monthMs: number;
  payments: { sat: bigint; day: string }[];
  polls: EarningPolls | undefined;
  /** The tier's payment interval and payout now; null when the tier or its queue is unknown. */
  intervalSeconds: ExplainedNumber | null;
  tierPayoutFlux: ExplainedNumber | null;
}

/** Prices the month's figures are valued at: each day's stored price, and their mean. */
export interface MonthPrices {
  byDay: ReadonlyMap<string, number>;
  mean: ExplainedNumber | null;
}

/** The raw numbers behind a row, so groups can sum them (uptime weighted by polls). */
export interface RowTotals {
  payments: number;
  sat: bigint;
  incomeUsd: number | null;
  costUsd: number | null;
  missedPayments: number | null;
  missedFlux: number | null;
  missedUsd: number | null;
  polls: number;
  earning: number;
}

export function nodeFigures(f: NodeMonthFacts, prices: MonthPrices): { figures: CostFigures; totals: RowTotals } {
  const sat = f.payments.reduce((sum, p) => sum + p.sat, 0n);
  const incomeFlux: ExplainedNumber = {
    value: satFlux(sat),
    formula: `sum of ${f.payments.length} payments in ${f.month} = ${satFlux(sat)} FLUX`,
    inputs: [
      { name: 'payments', value: f.payments.length, source: 'FluxDeck ledger (last_paid_height changes seen by polls)' },
      { name: 'total (sat)', value: sat.toString(), source: 'tier payout at each payment height (fluxd GetFluxnodeSubsidy)' },
    ],
  };
  const incomeUsd = incomeInUsd(f.payments, prices);
  const costUsd = costOf(f);
  const netUsd = incomeUsd && costUsd ? difference(incomeUsd, costUsd) : null;
  const uptime = uptimeOf(f.polls);
  const missed = missedOf(f, uptime, sat, prices.mean);
  return {
    figures: { payments: f.payments.length, incomeFlux, incomeUsd, costUsd, netUsd, uptimePercent: uptime, ...missed },
    totals: {
      payments: f.payments.length,
      sat,
      incomeUsd: incomeUsd?.value ?? null,
      costUsd: costUsd?.value ?? null,
      missedPayments: missed.missedPayments?.value ?? null,
      missedFlux: missed.missedFlux?.value ?? null,
      missedUsd: missed.missedUsd?.value ?? null,
      polls: f.polls?.polls ?? 0,
      earning: f.polls?.earning ?? 0,
    },
  };
}

function incomeInUsd(payments: NodeMonthFacts['payments'], prices: MonthPrices): ExplainedNumber | null {
  if (payments.length === 0) return { value: 0, formula: 'no payments: $0.00', inputs: [] };
  let usd = 0;
  let atMean = 0;
  for (const p of payments) {
    const price = prices.byDay.get(p.day) ?? prices.mean?.value;
    if (price === undefined) return null;
    if (!prices.byDay.has(p.day)) atMean++;
    usd += satFlux(p.sat) * price;
  }
  const value = round2(usd);
  return {
    value,
    formula: `Σ each payment × that day's FLUX price = $${value.toFixed(2)}${atMean ? ` (${atMean} priced at the month's mean: no price stored that day)` : ''}`,
    inputs: [
      { name: 'payments', value: payments.length, source: 'FluxDeck ledger' },
      { name: 'days with a stored price', value: prices.byDay.size, source: 'daily FLUX price history (Settings → FLUX price)' },
      ...(prices.mean ? [{ name: "month's mean price (USD)", value: prices.mean.value, source: prices.mean.formula }] : []),
    ],
  };
}

function costOf(f: NodeMonthFacts): ExplainedNumber | null {
  if (f.monthlyCostUsd === null) return null;
  const value = round2((f.monthlyCostUsd * f.coveredMs) / f.monthMs);
  return {
    value,
    formula: `$${f.monthlyCostUsd}/month × ${days(f.coveredMs)} of ${days(f.monthMs)} days in ${f.month} = $${value.toFixed(2)}`,
    inputs: [
      { name: 'monthly cost (USD)', value: f.monthlyCostUsd, source: 'user input (node cost)' },
      { name: 'days covered', value: Number(days(f.coveredMs)), source: 'days of the month the node was registered, up to now' },
      { name: 'days in month', value: Number(days(f.monthMs)), source: 'UTC calendar' },
    ],
  };
}

function difference(income: ExplainedNumber, cost: ExplainedNumber): ExplainedNumber {
  const value = round2(income.value - cost.value);
  return {
    value,
    formula: `income $${income.value.toFixed(2)} − cost $${cost.value.toFixed(2)} = $${value.toFixed(2)}`,
    inputs: [
      { name: 'income (USD)', value: income.value, source: income.formula },
      { name: 'cost (USD)', value: cost.value, source: cost.formula },
    ],
  };
}

function uptimeOf(polls: EarningPolls | undefined): ExplainedNumber | null {
  if (!polls || polls.polls === 0) return null;
  const value = round2((polls.earning / polls.polls) * 100);
  return {
    value,
    formula: `${polls.earning} of ${polls.polls} polls found the node answering and CONFIRMED = ${value} %`,
    inputs: [
      { name: 'polls', value: polls.polls, source: 'poll history (raw samples and hourly/daily roll-ups)' },
      { name: 'answering and CONFIRMED', value: polls.earning, source: 'poll history: health not unreachable, FluxOS status CONFIRMED' },
    ],
  };
}

function missedOf(f: NodeMonthFacts, uptime: ExplainedNumber | null, sat: bigint, price: ExplainedNumber | null): Pick<CostFigures, 'missedPayments' | 'missedFlux' | 'missedUsd'> {
  const none = { missedPayments: null, missedFlux: null, missedUsd: null };
  if (!uptime || !f.intervalSeconds || f.intervalSeconds.value <= 0) return none;
  const downMs = f.coveredMs * (1 - uptime.value / 100);
  const count = round4(downMs / 1000 / f.intervalSeconds.value);
  const hours = (f.intervalSeconds.value / 3600).toFixed(1);
  const missedPayments: ExplainedNumber = {
    value: count,
    formula: `(100 − ${uptime.value} %) × ${days(f.coveredMs)} days = ${days(downMs)} days down or not CONFIRMED ÷ payment interval ${hours} h = ${count} payments`,
    inputs: [
      { name: 'earning uptime (%)', value: uptime.value, source: uptime.formula },
      { name: 'days covered', value: Number(days(f.coveredMs)), source: 'days of the month the node was registered, up to now' },
      { name: 'payment interval (s)', value: f.intervalSeconds.value, source: f.intervalSeconds.formula },
    ],
  };
  // The node's own mean payment this month when the ledger has one, else the tier payout now.
  const perPayment = f.payments.length > 0
    ? { value: satFlux(sat / BigInt(f.payments.length)), source: `mean of the node's ${f.payments.length} payments in ${f.month} (ledger)` }
    : f.tierPayoutFlux
      ? { value: f.tierPayoutFlux.value, source: f.tierPayoutFlux.formula }
      : null;
  if (!perPayment) return { ...none, missedPayments };
  const flux = round4(count * perPayment.value);
  const missedFlux: ExplainedNumber = {
    value: flux,
    formula: `${count} payments × ${perPayment.value} FLUX = ${flux} FLUX`,
    inputs: [
      { name: 'missed payments', value: count, source: missedPayments.formula },
      { name: 'FLUX per payment', value: perPayment.value, source: perPayment.source },
    ],
  };
  const missedUsd: ExplainedNumber | null = price
    ? {
        value: round2(flux * price.value),
        formula: `${flux} FLUX × $${price.value} = $${round2(flux * price.value).toFixed(2)}`,
        inputs: [
          { name: 'missed FLUX', value: flux, source: missedFlux.formula },
          { name: "month's mean price (USD)", value: price.value, source: price.formula },
        ],
      }
    : null;
  return { missedPayments, missedFlux, missedUsd };
}

/** Sums node rows into one group row's figures (uptime weighted by polls). */
export function groupFigures(label: string, rows: readonly { name: string; totals: RowTotals }[]): CostFigures {
  const sat = rows.reduce((s, r) => s + r.totals.sat, 0n);
  const polls = rows.reduce((s, r) => s + r.totals.polls, 0);
  const earning = rows.reduce((s, r) => s + r.totals.earning, 0);
  const incomeUsd = sumOf(label, 'income', '$', rows, (t) => t.incomeUsd, round2);
  const costUsd = sumOf(label, 'cost', '$', rows, (t) => t.costUsd, round2);
  return {
    payments: rows.reduce((s, r) => s + r.totals.payments, 0),
    incomeFlux: sumOf(label, 'income', 'FLUX ', rows, (t) => satFlux(t.sat), () => satFlux(sat)) ?? { value: 0, formula: `${label}: no nodes`, inputs: [] },
    incomeUsd,
    costUsd,
    netUsd: incomeUsd && costUsd ? difference(incomeUsd, costUsd) : null,
    missedPayments: sumOf(label, 'missed payments', '', rows, (t) => t.missedPayments, round4),
    missedFlux: sumOf(label, 'missed', 'FLUX ', rows, (t) => t.missedFlux, round4),
    missedUsd: sumOf(label, 'missed', '$', rows, (t) => t.missedUsd, round2),
    uptimePercent: uptimeOf(polls > 0 ? { polls, earning } : undefined),
  };
}

const LISTED = 6;

/** Σ over the rows that have the figure; null when none has it. */
function sumOf(
  label: string,
  what: string,
  unit: string,
  rows: readonly { name: string; totals: RowTotals }[],
  pick: (t: RowTotals) => number | null,
  round: (n: number) => number,
): ExplainedNumber | null {
  const parts = rows.flatMap((r) => {
    const v = pick(r.totals);
    return v === null ? [] : [{ name: r.name, value: v }];
  });
  if (parts.length === 0) return null;
  const value = round(parts.reduce((s, p) => s + p.value, 0));
  const shown = parts.slice(0, LISTED).map((p) => `${p.name} ${unit}${p.value}`);
  const more = parts.length > LISTED ? ` + ${parts.length - LISTED} more` : '';
  const left = rows.length - parts.length;
  return {
    value,
    formula: `${label} ${what}: ${shown.join(' + ')}${more} = ${unit}${value}${left ? ` (${left} node${left > 1 ? 's' : ''} without this figure left out)` : ''}`,
    inputs: [
      { name: 'nodes summed', value: parts.length, source: `nodes of ${label} with this figure` },
      ...parts.slice(0, LISTED).map((p) => ({ name: p.name, value: p.value, source: 'that node\'s row' })),
    ],
  };
}
