import { intOption, requiredOption, stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { devFundAt, formatFlux, loadChainParams, subsidyAt, tierRewardAt, tierRewardsAt, TIERS, upcomingSubsidyCuts, type Tier } from '../../core/chain';
import {
  apyPercent,
  currentCollateralSat,
  LedgerQueries,
  nativeRewardPerDay,
  nativeRewardPerMonth,
  paymentIntervalSeconds,
  satToFluxNumber,
} from '../../core/rewards';
import { resolveDataDir, withServices } from '../context';

const MAX_HEIGHT = 2 ** 31 - 1;

/** These commands do no I/O; this keeps the CliCommand promise contract (errors become rejections). */
function settle(work: () => number): Promise<number> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Satoshi amounts are far below 2^53, so they print as exact JSON integers. */
function jsonSat(sat: bigint): number {
  const n = Number(sat);
  if (!Number.isSafeInteger(n)) throw new RangeError('amount exceeds the JSON safe integer range');
  return n;
}

function heightOf(args: ParsedArgs): number {
  const height = intOption(args, 'height', 0, MAX_HEIGHT);
  if (height === undefined) throw new UsageError('--height is required');
  return height;
}

function tierOf(args: ParsedArgs): Tier {
  const raw = requiredOption(args, 'tier').toUpperCase();
  const tier = TIERS.find((t) => t === raw);
  if (!tier) throw new UsageError(`--tier must be one of cumulus, nimbus, stratus`);
  return tier;
}

function priceOf(args: ParsedArgs): number | undefined {
  const raw = stringOption(args, 'price');
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}(\.\d{1,8})?$/.test(raw)) throw new UsageError(`--price must be a USD amount like 0.45, got "${raw}"`);
  return Number(raw);
}

const subsidyCommand: CliCommand = {
  path: ['rewards', 'subsidy'],
  summary: 'block subsidy, tier payouts and dev fund at a height (fluxd-exact)',
  help: `Usage: fluxdeck rewards subsidy --height H [--json]

Prints what fluxd pays in the block at height H: the block subsidy, the payout to the one
Cumulus, Nimbus and Stratus node paid in that block, and the minimum dev-fund payment.
Amounts are exact satoshis (1 FLUX = 100,000,000 sat), computed like fluxd's GetBlockSubsidy
and GetFluxnodeSubsidy. --json prints
{"height":H,"subsidySat":...,"tiersSat":{"CUMULUS":...,"NIMBUS":...,"STRATUS":...},"devFundSat":...}`,
  options: { height: { type: 'string' }, json: { type: 'boolean' } },
  run: (args, io) => settle(() => {
    const height = heightOf(args);
    const params = loadChainParams();
    const subsidy = subsidyAt(params, height);
    const tiers = tierRewardsAt(params, height);
    const devFund = devFundAt(params, height);
    if (args.values.json) {
      const out = {
        height,
        subsidySat: jsonSat(subsidy),
        tiersSat: { CUMULUS: jsonSat(tiers.CUMULUS), NIMBUS: jsonSat(tiers.NIMBUS), STRATUS: jsonSat(tiers.STRATUS) },
        devFundSat: jsonSat(devFund),
      };
      io.stdout(`${JSON.stringify(out)}\n`);
      return 0;
    }
    const era = height >= params.upgrades.pon ? 'Proof of Node' : 'pre-PoN (PoW)';
    const lines = [
      `Height ${height} (${era})`,
      `  block subsidy  ${formatFlux(subsidy)} FLUX`,
      `  Cumulus        ${formatFlux(tiers.CUMULUS)} FLUX`,
      `  Nimbus         ${formatFlux(tiers.NIMBUS)} FLUX`,
      `  Stratus        ${formatFlux(tiers.STRATUS)} FLUX`,
      `  dev fund       ${formatFlux(devFund)} FLUX${height >= params.upgrades.pon ? ` (min, to ${params.devFundAddress}; plus fees)` : ' (none before PoN)'}`,
    ];
    const next = upcomingSubsidyCuts(params, height, 1)[0];
    if (next) lines.push(`  next cut       block ${next.height} (~${new Date(next.estimatedAt.value).toISOString().slice(0, 10)}): ${formatFlux(next.subsidySat)} FLUX`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  }),
};

const estimateCommand: CliCommand = {
  path: ['rewards', 'estimate'],
  summary: 'expected native rewards, payment interval and APY for one node',
  help: `Usage: fluxdeck rewards estimate --tier T --height H --enabled N [--price P] [--json]

Estimates one node's native FLUX rewards at height H when N nodes of tier T are enabled
(see getfluxnodecount <tier>-enabled). One node per tier is paid per block, so:
  per day      = tier payout × blocks per day ÷ N
  per month    = per day × 30
  interval     = N × block time
  APY          = per day × 365 ÷ the tier's current collateral
Options:
  --tier T     cumulus | nimbus | stratus
  --height H   block height (the payout and block time depend on it)
  --enabled N  enabled nodes in the tier
  --price P    FLUX price in USD, adds USD figures
  --json       machine-readable output`,
  options: {
    tier: { type: 'string' },
    height: { type: 'string' },
    enabled: { type: 'string' },
    price: { type: 'string' },
    json: { type: 'boolean' },
  },
  run: (args, io) => settle(() => {
    const tier = tierOf(args);
    const height = heightOf(args);
    const enabled = intOption(args, 'enabled', 1, 10_000_000);
    if (enabled === undefined) throw new UsageError('--enabled is required');
    const price = priceOf(args);
    const params = loadChainParams();

    const perPayment = tierRewardAt(params, height, tier);
    const perDay = nativeRewardPerDay(params, height, tier, enabled);
    const perMonth = nativeRewardPerMonth(params, height, tier, enabled);
    const interval = paymentIntervalSeconds(params, height, enabled);
    const apy = apyPercent(params, height, tier, enabled);
    const collateral = currentCollateralSat(params, height, tier);

    if (args.values.json) {
      const out: Record<string, unknown> = {
        tier,
        height,
        enabledNodes: enabled,
        perPaymentSat: jsonSat(perPayment),
        perDaySat: jsonSat(perDay.value),
        perDayFlux: satToFluxNumber(perDay.value),
        perMonthSat: jsonSat(perMonth.value),
        perMonthFlux: satToFluxNumber(perMonth.value),
        paymentIntervalSeconds: interval.value,
        collateralFlux: satToFluxNumber(collateral),
        apyPercent: apy.value,
      };
      if (price !== undefined) {
        out.priceUsd = price;
        out.perDayUsd = Math.round(satToFluxNumber(perDay.value) * price * 100) / 100;
        out.perMonthUsd = Math.round(satToFluxNumber(perMonth.value) * price * 100) / 100;
      }
      io.stdout(`${JSON.stringify(out)}\n`);
      return 0;
    }
    const hours = (interval.value / 3600).toFixed(1);
    const lines = [
      `${tier} at height ${height} with ${enabled} enabled nodes`,
      `  per payment  ${formatFlux(perPayment)} FLUX`,
      `  per day      ${perDay.formula}`,
      `  per month    ${perMonth.formula}`,
      `  interval     ${interval.formula} (~${hours} h)`,
      `  APY          ${apy.formula}`,
    ];
    if (price !== undefined) {
      const day = satToFluxNumber(perDay.value) * price;
      lines.push(`  USD          ${formatFlux(perDay.value)} FLUX × $${price} = $${day.toFixed(2)}/day, $${(day * 30).toFixed(2)}/month`);
    }
    lines.push('  (estimates assume the enabled count stays constant and blocks arrive on target)');
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  }),
};

const scheduleCommand: CliCommand = {
  path: ['rewards', 'schedule'],
  summary: 'upcoming 10% subsidy cuts with estimated dates',
  help: `Usage: fluxdeck rewards schedule --height H [--count N] [--json]

Lists the next N (default 3) yearly subsidy cuts after height H: height, estimated date
(from fluxd's last checkpoint at 30 s blocks) and the new subsidy and tier payouts.`,
  options: { height: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
  run: (args, io) => settle(() => {
    const height = heightOf(args);
    const count = intOption(args, 'count', 1, 20) ?? 3;
    const cuts = upcomingSubsidyCuts(loadChainParams(), height, count);
    if (args.values.json) {
      const out = cuts.map((c) => ({
        reduction: c.reduction,
        height: c.height,
        estimatedAt: new Date(c.estimatedAt.value).toISOString(),
        subsidySat: jsonSat(c.subsidySat),
        tiersSat: { CUMULUS: jsonSat(c.tiersSat.CUMULUS), NIMBUS: jsonSat(c.tiersSat.NIMBUS), STRATUS: jsonSat(c.tiersSat.STRATUS) },
      }));
      io.stdout(`${JSON.stringify({ cuts: out })}\n`);
      return 0;
    }
    if (cuts.length === 0) {
      io.stdout('No further subsidy cuts: the 20-cut cap is reached.\n');
      return 0;
    }
    const lines = cuts.map(
      (c) =>
        `cut ${String(c.reduction).padStart(2)}  block ${c.height}  ~${new Date(c.estimatedAt.value).toISOString().slice(0, 10)}  ${formatFlux(c.subsidySat)} FLUX  (C ${formatFlux(c.tiersSat.CUMULUS)} / N ${formatFlux(c.tiersSat.NIMBUS)} / S ${formatFlux(c.tiersSat.STRATUS)})`,
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  }),
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOption(args: ParsedArgs, name: string): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const ms = DAY.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} must be a date like 2026-01-31, got "${raw}"`);
  return ms;
}

const ledgerCommand: CliCommand = {
  path: ['rewards', 'ledger'],
  summary: 'payments FluxDeck detected (from last_paid_height changes)',
  help: `Usage: fluxdeck rewards ledger [--node N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

Lists the payments recorded in the ledger, newest first. FluxDeck records a payment whenever a
poll shows a node's last_paid_height advance; the amount is the exact tier payout at that height.
Options:
  --node N     one node, by name or id
  --from D     payments on or after this UTC day
  --to D       payments before this UTC day
  --json       {"payments":[{"node","height","paidAt","amountSat","tier","source"}]}`,
  options: { node: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const nodeArg = stringOption(args, 'node');
    const fromMs = dayOption(args, 'from');
    const toMs = dayOption(args, 'to');
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
    return withServices(dataDir, (services) => {
      let nodeId: number | undefined;
      if (nodeArg !== undefined) {
        const node = services.nodesRepo.findByName(nodeArg) ?? (/^\d{1,12}$/.test(nodeArg) ? services.nodesRepo.get(Number(nodeArg)) : undefined);
        if (!node) {
          io.stderr(`No node named "${nodeArg}". See: fluxdeck nodes list\n`);
          return 1;
        }
        nodeId = node.id;
      }
      const result = new LedgerQueries(services.db).rows({ nodeId, fromMs, toMs }, 1_000_000);
      if (args.values.json) {
        const payments = result.rows.map((r) => ({
          node: r.node,
          height: r.height,
          paidAt: new Date(r.paidAt).toISOString(),
          amountSat: jsonSat(BigInt(r.amountSat)),
          tier: r.tier,
          source: r.source,
        }));
        io.stdout(`${JSON.stringify({ payments })}\n`);
        return 0;
      }
      if (result.rows.length === 0) {
        io.stdout('No payments recorded yet. FluxDeck records them as polls see last_paid_height advance.\n');
        return 0;
      }
      const width = Math.min(32, Math.max(4, ...result.rows.map((r) => r.node.length)));
      const lines = result.rows.map(
        (r) => `${new Date(r.paidAt).toISOString().slice(0, 16).replace('T', ' ')}  ${r.node.padEnd(width)}  ${r.tier.padEnd(8)}  block ${String(r.height).padStart(8)}  ${formatFlux(BigInt(r.amountSat)).padStart(14)} FLUX`,
      );
      lines.push(`${result.rows.length} payments, ${formatFlux(BigInt(result.totalSat))} FLUX`);
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

/** `fluxdeck rewards …` commands; the lead registers them in commands/index.ts. */
export const rewardsCommands: CliCommand[] = [subsidyCommand, estimateCommand, scheduleCommand, ledgerCommand];
