import { intOption, requiredOption, stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import type { PlannerInputs } from '../../../src-shared/contract/planner.contract';
import { TIERS, type Tier } from '../../core/chain/chain-params';
import { formatFlux } from '../../core/chain/subsidy';
import { planToCliJson } from '../../core/planner/planner-wire';
import { resolveDataDir, withServices } from '../context';

const MAX_HEIGHT = 2 ** 31 - 1;
const NUMBER = /^-?\d{1,12}(\.\d{1,8})?$/;

function numberOf(raw: string, name: string, min: number, max: number): number {
  const value = Number(raw);
  if (!NUMBER.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function numberOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(args, name);
  return raw === undefined ? undefined : numberOf(raw, name, min, max);
}

/** "cumulus=10,nimbus=20" → per-key numbers; keys must be in `keys`. */
function pairsOption<K extends string>(args: ParsedArgs, name: string, keys: readonly K[], min: number, max: number): Partial<Record<K, number>> {
  const raw = stringOption(args, name);
  if (raw === undefined) return {};
  const out: Partial<Record<K, number>> = {};
  for (const part of raw.split(',')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    const found = keys.find((k) => k.toLowerCase() === key?.toLowerCase());
    if (!found || value === undefined || extra !== undefined) throw new UsageError(`--${name} takes ${keys.map((k) => `${k.toLowerCase()}=N`).join(',')}, got "${raw}"`);
    out[found] = numberOf(value, name, min, max);
  }
  return out;
}

function tierPairs(args: ParsedArgs, name: string, min: number, max: number): Partial<Record<Tier, number>> {
  return pairsOption(args, name, TIERS, min, max);
}

/** Applies the command line over the planner's defaults (never over inputs remembered by the page). */
export function inputsFromArgs(args: ParsedArgs, defaults: PlannerInputs): PlannerInputs {
  const amount = numberOf(requiredOption(args, 'amount'), 'amount', 0, 1e9);
  const price = numberOf(requiredOption(args, 'price'), 'price', 0, 1_000_000);
  const months = intOption(args, 'months', 1, 60);
  if (months === undefined) throw new UsageError('--months is required');
  const counts = tierPairs(args, 'counts', 1, 10_000_000);
  for (const v of Object.values(counts)) if (!Number.isInteger(v)) throw new UsageError('--counts must be whole numbers');
  const hosting = tierPairs(args, 'hosting', 0, 1e9);
  const hardware = tierPairs(args, 'hardware', 0, 1e9);
  const apr = pairsOption(args, 'titan-apr', ['3', '6', '12'] as const, 0, 100);
  return {
    ...defaults,
    amountFlux: amount,
    priceUsd: price,
    months,
    startHeight: intOption(args, 'height', 0, MAX_HEIGHT) ?? null,
    counts: { ...defaults.counts, ...counts },
    countGrowthPercentPerMonth: numberOption(args, 'growth', -20, 50) ?? defaults.countGrowthPercentPerMonth,
    hostingUsd: { ...defaults.hostingUsd, ...hosting },
    hardwareUsd: { ...defaults.hardwareUsd, ...hardware },
    uptimePercent: numberOption(args, 'uptime', 0, 100) ?? defaults.uptimePercent,
    managedFeePercent: numberOption(args, 'managed-fee', 0, 100) ?? defaults.managedFeePercent,
    titan: { ...defaults.titan, lockups: defaults.titan.lockups.map((l) => ({ ...l, aprPercent: apr[String(l.months) as '3' | '6' | '12'] ?? l.aprPercent })) },
  };
}

const usd = (n: number | null): string => (n === null ? '—' : `$${n.toFixed(2)}`);

export const planCommand: CliCommand = {
  path: ['plan'],
  summary: 'staking planner: Titan vs own nodes (legacy/ArcaneOS) vs managed, after costs',
  help: `Usage: fluxdeck plan --amount A --price P --months M [--height H]
       [--counts cumulus=N,nimbus=N,stratus=N] [--growth PCT]
       [--hosting cumulus=USD,nimbus=USD,stratus=USD] [--hardware cumulus=USD,...]
       [--uptime PCT] [--managed-fee PCT] [--titan-apr 3=PCT,6=PCT,12=PCT] [--json]

Compares what A FLUX earns over M months (30 days = 86,400 blocks each) as Titan stakes, as
your own Cumulus/Nimbus/Stratus nodes (legacy or ArcaneOS) or as managed nodes, after costs,
with the exact tier payout at every height (a subsidy cut applies from its block). The same
computation as the Planner page. Options not given use the planner defaults (dated, in
resources/planner/); the start height defaults to the live tip, else an estimate from the clock;
the counts default to the public API, else dated illustrations.
--json prints {"inputs":{...},"options":[{"id","kind","tier","arcane","nodes","capitalFlux",
"monthly":[{"month","height","flux","usd","costUsd","netUsd"}],"totalFlux","netUsd","roiPercent",
"breakEvenMonth",...}],"best":"<id>"} with FLUX figures as decimals with 8 places.`,
  options: {
    amount: { type: 'string' },
    price: { type: 'string' },
    months: { type: 'string' },
    height: { type: 'string' },
    counts: { type: 'string' },
    growth: { type: 'string' },
    hosting: { type: 'string' },
    hardware: { type: 'string' },
    uptime: { type: 'string' },
    'managed-fee': { type: 'string' },
    'titan-apr': { type: 'string' },
    json: { type: 'boolean' },
  },
  run: async (args, io) => {
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
    return withServices(dataDir, async (services) => {
      const planner = services.planner.service;
      const inputs = inputsFromArgs(args, planner.formDefaults());
      const { plan, sources } = await planner.planCore(inputs);
      if (args.values.json) {
        io.stdout(`${planToCliJson(plan)}\n`);
        return 0;
      }
      const lines = [
        `Plan for ${inputs.amountFlux} FLUX at $${plan.inputs.priceUsd} over ${plan.inputs.months} months from height ${plan.inputs.startHeight}`,
        '',
        `${'#'.padStart(2)}  ${'option'.padEnd(24)} ${'net USD'.padStart(12)} ${'FLUX'.padStart(16)} ${'ROI'.padStart(9)} ${'break-even'.padStart(10)} ${'capital'.padStart(18)}  lockup`,
        ...plan.options.map((o, i) =>
          `${String(i + 1).padStart(2)}  ${o.id.padEnd(24)} ${usd(o.netUsd).padStart(12)} ${formatFlux(o.totalSat).padStart(16)} ${(o.roiPercent === null ? '—' : `${o.roiPercent.toFixed(2)}%`).padStart(9)} ${(o.breakEvenMonth === null ? 'never' : `month ${o.breakEvenMonth}`).padStart(10)} ${formatFlux(o.capitalSat).padStart(18)}  ${o.lockupMonths === null ? '—' : `${o.lockupMonths} months`}`,
        ),
        '',
        plan.best ? `Best: ${plan.best}` : 'No option fits this amount.',
        ...plan.cuts.map((c) => `Subsidy cut at height ${c.height} (month ${c.month}): ${formatFlux(c.subsidySat)} FLUX per block from then on`),
        ...plan.notes.map((n) => `Note: ${n}`),
      ];
      const defaulted = Object.entries(sources).filter(([, s]) => s.startsWith('default')).map(([k]) => k);
      if (defaulted.length) lines.push(`Defaults used (dated illustrations, see resources/planner/): ${defaulted.join(', ')}`);
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};
