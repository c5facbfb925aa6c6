import type { NodeRecord, NodeStatus, PollProgress } from '../../../src-shared/contract';

/** Health as a number for alerting rules and graphs: higher is worse, -1 unknown. */
export const HEALTH_VALUE: Record<NodeStatus['health'], number> = { ok: 0, warning: 1, critical: 2, unreachable: 3, unknown: -1 };

/** FluxDeck's own poller, counted from poll-progress events. */
export interface PollerFigures {
  cyclesTotal: number;
  pollsTotal: number;
  pollFailuresTotal: number;
  lastCycleSeconds: number | null;
  running: boolean;
}

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Record<string, string>; value: number }[];
}

/** Label values escaped as the text exposition format requires (backslash, quote, newline). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function renderFamily(family: Family): string {
  const lines = [`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`];
  for (const sample of family.samples) {
    const labels = Object.entries(sample.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
    lines.push(`${family.name}${labels ? `{${labels}}` : ''} ${Number.isFinite(sample.value) ? sample.value : 'NaN'}`);
  }
  return lines.join('\n');
}

/**
 * The Prometheus text exposition (version 0.0.4) of the fleet: one series per node and figure,
 * labelled by node name, owner, tier and arcane (ArcaneOS), plus the poller's own counters.
 * A figure a node did not report is left out, never written as 0.
 */
export function renderMetrics(
  nodes: readonly NodeRecord[],
  statuses: readonly NodeStatus[],
  poller: PollerFigures,
  payments: ReadonlyMap<number, { count: number; sat: bigint }> = new Map(),
): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const families: Family[] = [];
  const family = (name: string, help: string, type: Family['type'] = 'gauge'): Family => {
    const f: Family = { name, help, type, samples: [] };
    families.push(f);
    return f;
  };
  const health = family('fluxdeck_node_health_state', 'Node health: 0 ok, 1 warning, 2 critical, 3 unreachable, -1 unknown.');
  const healthInfo = family('fluxdeck_node_health_info', 'Node health as a label (value always 1).');
  const statusInfo = family('fluxdeck_node_status_info', 'FluxOS node status (CONFIRMED, STARTED, EXPIRED...) as a label (value always 1).');
  const behind = family('fluxdeck_node_blocks_behind', 'Blocks the node daemon is behind the reference height.');
  const expiry = family('fluxdeck_node_blocks_to_expiry', 'Blocks left before the node must confirm again.');
  const rank = family('fluxdeck_node_rank', 'Position in the tier payment queue (0 = paid next).');
  const nextPay = family('fluxdeck_node_next_payment_seconds', 'Estimated seconds until the next payment.');
  const eps = family('fluxdeck_node_benchmark_eps', 'Benchmarked CPU events per second.');
  const ddwrite = family('fluxdeck_node_benchmark_ddwrite_mbps', 'Benchmarked disk write speed in MB/s.');
  const down = family('fluxdeck_node_benchmark_download_mbps', 'Benchmarked download speed in Mbit/s.');
  const up = family('fluxdeck_node_benchmark_upload_mbps', 'Benchmarked upload speed in Mbit/s.');
  const lastPoll = family('fluxdeck_node_last_poll_timestamp_seconds', 'When the node was last polled (Unix seconds).');
  const lastOk = family('fluxdeck_node_last_poll_success', 'Whether the last poll reached the node (1) or not (0).');
  const cost = family('fluxdeck_node_monthly_cost_usd', 'Monthly hosting cost entered for the node, in USD.');
  const paid = family('fluxdeck_node_payments_received_total', 'Payments the ledger recorded for the node since it was added.', 'counter');
  const paidFlux = family('fluxdeck_node_payments_received_flux_total', 'FLUX the ledger recorded as paid to the node since it was added.', 'counter');

  for (const status of statuses) {
    const node = byId.get(status.nodeId);
    const labels = {
      node: status.name,
      owner: node?.owner ?? '',
      tier: status.fluxnode?.tier?.toLowerCase() ?? '',
      arcane: status.flux?.arcaneOS === true ? 'true' : status.flux?.arcaneOS === false ? 'false' : '',
    };
    const put = (f: Family, value: number | null | undefined) => {
      if (value !== null && value !== undefined) f.samples.push({ labels, value });
    };
    put(health, HEALTH_VALUE[status.health]);
    healthInfo.samples.push({ labels: { ...labels, health: status.health }, value: 1 });
    if (status.fluxnode) statusInfo.samples.push({ labels: { ...labels, status: status.fluxnode.status }, value: 1 });
    put(behind, status.blocksBehind);
    put(expiry, status.maintenanceWindowBlocks);
    put(rank, status.fluxnode?.rank);
    put(nextPay, status.nextPaymentSeconds);
    put(eps, status.benchmark?.eps);
    put(ddwrite, status.benchmark?.ddwrite);
    put(down, status.benchmark?.downloadMbps);
    put(up, status.benchmark?.uploadMbps);
    put(lastPoll, status.lastPolledAt === null ? null : status.lastPolledAt / 1000);
    if (status.lastPolledAt !== null) put(lastOk, status.lastOkAt !== null && status.lastOkAt >= status.lastPolledAt ? 1 : 0);
    put(cost, node?.monthlyCostUsd);
    // A node with no payment yet has received 0: that is known, unlike a figure a node did not report.
    const received = payments.get(status.nodeId) ?? { count: 0, sat: 0n };
    put(paid, received.count);
    put(paidFlux, Number(received.sat) / 1e8);
  }

  family('fluxdeck_nodes', 'Registered nodes.').samples.push({ labels: {}, value: nodes.length });
  family('fluxdeck_poll_cycles_total', 'Poll cycles FluxDeck finished since start.', 'counter').samples.push({ labels: {}, value: poller.cyclesTotal });
  family('fluxdeck_polls_total', 'Node polls FluxDeck finished since start.', 'counter').samples.push({ labels: {}, value: poller.pollsTotal });
  family('fluxdeck_poll_failures_total', 'Node polls that failed since start.', 'counter').samples.push({ labels: {}, value: poller.pollFailuresTotal });
  if (poller.lastCycleSeconds !== null) family('fluxdeck_poll_cycle_duration_seconds', 'How long the last poll cycle took.').samples.push({ labels: {}, value: poller.lastCycleSeconds });
  family('fluxdeck_poll_running', 'Whether a poll cycle is running now.').samples.push({ labels: {}, value: poller.running ? 1 : 0 });

  return `${families.filter((f) => f.samples.length > 0).map(renderFamily).join('\n')}\n`;
}

/** Counts poll-progress events into {@link PollerFigures}. */
export function pollerCounter(now: () => number = Date.now): { figures: () => PollerFigures; onProgress: (progress: PollProgress) => void } {
  const figures: PollerFigures = { cyclesTotal: 0, pollsTotal: 0, pollFailuresTotal: 0, lastCycleSeconds: null, running: false };
  let startedAt: number | null = null;
  return {
    figures: () => ({ ...figures }),
    onProgress(progress) {
      if (progress.running && startedAt === null) startedAt = now();
      figures.running = progress.running;
      if (!progress.running) {
        figures.cyclesTotal++;
        figures.pollsTotal += progress.done;
        figures.pollFailuresTotal += progress.failed;
        if (startedAt !== null) figures.lastCycleSeconds = (now() - startedAt) / 1000;
        startedAt = null;
      }
    },
  };
}
