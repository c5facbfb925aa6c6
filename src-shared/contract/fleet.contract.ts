import { z } from 'zod';
import { channel, event } from './define';

export const Health = z.enum(['ok', 'warning', 'critical', 'unreachable', 'unknown']);
export type Health = z.infer<typeof Health>;

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** One thing wrong (or worth knowing) about a node; `code` is stable, `message` is for people. */
export const Problem = z.object({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  /** Why it matters and what to do, shown under the problem in the node view. */
  explanation: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

const int = z.number().int();
const nullableNumber = z.number().nullable();

/** Everything FluxDeck knows about one node after its latest poll. Unknown values are null, never invented. */
export const NodeStatus = z.object({
  nodeId: int,
  name: z.string(),
  host: z.string(),
  tags: z.array(z.string()),
  health: Health,
  problems: z.array(Problem),
  fluxnode: z
    .object({
      /** Upper case; `EXPIRED` for fluxd's lowercase `expired` answer. */
      status: z.string(),
      tier: z.string().nullable(),
      txhash: z.string().nullable(),
      outidx: int.nullable(),
      amount: nullableNumber,
      paymentAddress: z.string().nullable(),
      ip: z.string().nullable(),
      addedHeight: int.nullable(),
      confirmedHeight: int.nullable(),
      lastConfirmedHeight: int.nullable(),
      lastPaidHeight: int.nullable(),
      /** Unix seconds. */
      activeSince: int.nullable(),
      /** Null when never paid (fluxd's last_paid_height 0) or unknown. */
      /** ISO 8601, or null when never paid / unknown. */
      lastPaid: z.string().nullable(),
      /** 0-based position in the tier's payment queue (0 = paid next). */
      rank: int.nullable(),
    })
    .nullable(),
  benchmark: z
    .object({
      status: z.string(),
      cores: nullableNumber,
      ramGb: nullableNumber,
      ssdGb: nullableNumber,
      eps: nullableNumber,
      ddwrite: nullableNumber,
      downloadMbps: nullableNumber,
      uploadMbps: nullableNumber,
      error: z.string().nullable(),
      /** The fluxbench daemon's version (`/benchmark/getinfo`), the one FluxOS checks; not getbenchmarks' `bench_version`. */
      version: z.string().nullable(),
    })
    .nullable(),
  daemon: z.object({ blocks: int.nullable(), version: z.string().nullable(), connections: int.nullable() }).nullable(),
  flux: z.object({ version: z.string().nullable(), arcaneOS: z.boolean().nullable(), uptimeSeconds: int.nullable() }).nullable(),
  /** From the SSH path (legacy nodes with credentials); null when not collected. */
  system: z
    .object({
      diskTotalBytes: nullableNumber,
      diskFreeBytes: nullableNumber,
      memTotalBytes: nullableNumber,
      memAvailableBytes: nullableNumber,
      load1: nullableNumber,
      cores: int.nullable(),
      arch: z.string().nullable(),
    })
    .nullable(),
  /** Service name → `active` / `inactive` / `failed` / … from the SSH path. */
  services: z.record(z.string(), z.string()).nullable(),
  referenceHeight: int.nullable(),
  blocksBehind: int.nullable(),
  /**
   * Blocks until fluxd accepts the node's next confirmation: it must be more than 500 blocks past
   * last_confirmed_height (after PoN); 0 = it may confirm now. Null unless CONFIRMED.
   */
  confirmInBlocks: int.nullable(),
  /**
   * Maintenance window: blocks until fluxd expires the node without a confirmation
   * (640 − (height − last_confirmed_height) after PoN, floored at 0), and that in seconds.
   */
  maintenanceWindowBlocks: int.nullable(),
  maintenanceWindowSeconds: int.nullable(),
  /** (rank + 1) × block time. */
  nextPaymentSeconds: int.nullable(),
  apps: z.array(z.object({ name: z.string(), image: z.string().nullable(), state: z.string().nullable(), ports: z.string() })),
  /**
   * Installed apps and what they lock (`/apps/installedapps`, `/apps/appsresources`); null when
   * unknown. Sampled into the history; the apps capability holds the details.
   */
  appsLocked: z
    .object({ count: int, cpu: nullableNumber, ramMb: nullableNumber, hddGb: nullableNumber })
    .nullable()
    .optional(),
  /** ms since epoch; null before the first poll. */
  lastPolledAt: int.nullable(),
  lastOkAt: int.nullable(),
});
export type NodeStatus = z.infer<typeof NodeStatus>;

export const HistoryMetric = z.enum(['health', 'blocksBehind', 'eps', 'ddwrite', 'diskFreePct', 'memUsedPct', 'appCount', 'appsCpu', 'appsRamMb', 'appsHddGb']);
export type HistoryMetric = z.infer<typeof HistoryMetric>;

/** A chart series: parallel arrays (uPlot's own layout), times in ms. */
export const Series = z.object({
  metric: HistoryMetric,
  resolution: z.enum(['raw', 'hour', 'day']),
  t: z.array(z.number()),
  min: z.array(z.number().nullable()),
  avg: z.array(z.number().nullable()),
  max: z.array(z.number().nullable()),
});
export type Series = z.infer<typeof Series>;

/** Nodes per health level per hour (or day): a node counts once per bucket, at its worst health. */
export const FleetHealthSeries = z.object({
  resolution: z.enum(['hour', 'day']),
  t: z.array(z.number()),
  counts: z.object({ ok: z.array(int), warning: z.array(int), critical: z.array(int), unreachable: z.array(int), unknown: z.array(int) }),
});
export type FleetHealthSeries = z.infer<typeof FleetHealthSeries>;

export const NodeEvent = z.object({
  id: int,
  nodeId: int,
  at: int,
  kind: z.string(),
  severity: Severity,
  message: z.string(),
});
export type NodeEvent = z.infer<typeof NodeEvent>;

/** One hour of a node's history as the fleet table's sparkline draws it. */
export const UptimeBar = z.object({
  /** Start of the hour (ms). */
  t: int,
  /** The worst health seen in that hour. */
  health: Health,
  polls: int,
  /** Share of the hour's polls the node answered; null when the history cannot tell. */
  upPct: z.number().nullable(),
});
export type UptimeBar = z.infer<typeof UptimeBar>;

export const NodeUptime = z.object({
  nodeId: int,
  /** Share of polls answered over the bars' window; null without history. */
  uptimePct: z.number().nullable(),
  /** Oldest first, the current hour last; null for an hour without polls. */
  bars: z.array(UptimeBar.nullable()),
});
export type NodeUptime = z.infer<typeof NodeUptime>;

export const PollProgress = z.object({ running: z.boolean(), done: int, total: int, failed: int });
export type PollProgress = z.infer<typeof PollProgress>;

/**
 * One fleet-table row: only what the fleet-wide views read (table, summary, filters, palette),
 * about 150 B of JSON against a full `NodeStatus`'s 1.3 kB. Main derives it in one place
 * (`core/monitor/fleet-row.ts`); the node page reads the full status through `node:status`.
 */
export const FleetRowStatus = z.object({
  nodeId: int,
  name: z.string(),
  host: z.string(),
  tags: z.array(z.string()),
  health: Health,
  /** The problem that matters most (worst severity, then main's order), without its long explanation; null when none. */
  problem: Problem.omit({ explanation: true }).nullable(),
  problemCount: int,
  tier: z.string().nullable(),
  /** fluxd's node status (`CONFIRMED`, `EXPIRED`, …). */
  nodeStatus: z.string().nullable(),
  rank: int.nullable(),
  nextPaymentSeconds: int.nullable(),
  maintenanceWindowBlocks: int.nullable(),
  maintenanceWindowSeconds: int.nullable(),
  benchStatus: z.string().nullable(),
  eps: nullableNumber,
  blocksBehind: int.nullable(),
  arcaneOS: z.boolean().nullable(),
  appCount: int,
  /** The payment address fluxd reports for the node: its wallet. */
  wallet: z.string().nullable(),
  lastPolledAt: int.nullable(),
  lastOkAt: int.nullable(),
});
export type FleetRowStatus = z.infer<typeof FleetRowStatus>;

/**
 * Where a client is in the stream of `fleet:onStatus` diffs: `stream` names one run of main (a
 * restart starts a new one), `seq` counts the diffs published in it. A snapshot at `seq` N is
 * followed by diff N + 1; any other number means a diff was lost and the client must re-read.
 */
const StreamPosition = { stream: z.string(), seq: int };

/** A node's changed row fields; a node the client has not seen yet comes with all of them. */
export const FleetRowChange = FleetRowStatus.partial().required({ nodeId: true });
export type FleetRowChange = z.infer<typeof FleetRowChange>;

export const FleetSnapshot = z.object({ ...StreamPosition, rows: z.array(FleetRowStatus) });
export type FleetSnapshot = z.infer<typeof FleetSnapshot>;

/** The snapshot's rows as columns: each row field once, with every row's value in row order. */
export type FleetColumns = { [K in keyof FleetRowStatus]: FleetRowStatus[K][] };

const fleetColumns = z.object(
  Object.fromEntries(Object.entries(FleetRowStatus.shape).map(([name, field]) => [name, z.array(field)])),
) as unknown as z.ZodType<FleetColumns>;

/**
 * What `fleet:status` sends. 5,000 rows are under half the JSON of `{ rows }` (no key repeated
 * per row) and parse into 21 arrays instead of 5,000 objects; `decodeFleetTable` rebuilds the rows.
 * Validating it checks each column's values (21 arrays), not 5,000 row objects.
 */
export const FleetTable = z
  .object({ ...StreamPosition, count: int.nonnegative(), columns: fleetColumns })
  .superRefine((table, ctx) => {
    for (const [name, values] of Object.entries(table.columns)) {
      if (values.length !== table.count) ctx.addIssue({ code: 'custom', path: ['columns', name], message: `expected ${table.count} values` });
    }
  });
export type FleetTable = z.infer<typeof FleetTable>;

export const FleetDiff = z.object({
  ...StreamPosition,
  /**
   * Every node whose status changed since the previous diff (anything but the poll stamps alone),
   * with the row fields that changed; an entry with only `nodeId` changed nothing the table shows.
   */
  changed: z.array(FleetRowChange),
  removed: z.array(int),
});
export type FleetDiff = z.infer<typeof FleetDiff>;

export const fleetChannels = {
  /** Every registered node's table row (unknown health before the first poll), at a stream position, as columns. */
  'fleet:status': channel(z.object({}).strict(), FleetTable),
  /** Poll now: all nodes, or the given ones. Progress arrives as `fleet:onPollProgress`. */
  'fleet:pollNow': channel(z.object({ nodeIds: z.array(int.positive()).max(10_000).optional() }).strict(), z.object({ queued: int })),
  /** Uptime % and hourly bars of the last 24 h for the rows in view (one batched query, not one per row). */
  'fleet:uptime': channel(z.object({ nodeIds: z.array(int.positive()).max(500) }).strict(), z.array(NodeUptime)),
  /** The fleet's health over time, from the history roll-ups (hourly up to 8 days, else daily). */
  'fleet:healthHistory': channel(z.object({ fromMs: int, toMs: int }).strict(), FleetHealthSeries),
};

export const fleetEvents = {
  /** Batched row changes (at most a few per second): only the nodes, and the fields, that changed. */
  'fleet:onStatus': event(FleetDiff),
  'fleet:onPollProgress': event(PollProgress),
  /** Nodes were added, removed, edited or imported: re-read the node list. */
  'fleet:onChanged': event(z.object({ reason: z.enum(['added', 'removed', 'updated', 'imported']), nodeIds: z.array(int) })),
};
