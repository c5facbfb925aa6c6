import type { NodeStatus, PollProgress, Problem } from '../../../src-shared/contract';
import type { Services } from '../../core/services';
import { createServices } from '../../core/services';
import { stringOption, UsageError, type CliCommand, type CliIO, type ParsedArgs } from '../command';
import { resolveDataDir, withServices } from '../context';

/** Which channels each problem is sent to, under the user's alert rules. */
type AlertRoutes = (problem: Problem) => string[];

function routesOf(services: Services): AlertRoutes {
  const rules = services.alerts.policy.rules();
  return (problem) => services.alerts.policy.routes(problem, rules);
}

/**
 * The `status --json` shape: NodeStatus with times as ISO strings for scripts; every problem says
 * whether it alerts and where (`alert: { channels: [...] }`, empty when no rule sends it).
 */
function forScripts(status: NodeStatus, routes: AlertRoutes) {
  const { nodeId, lastPolledAt, lastOkAt, ...rest } = status;
  return {
    id: nodeId,
    ...rest,
    problems: status.problems.map((problem) => ({ ...problem, alert: { channels: routes(problem) } })),
    lastPolledAt: lastPolledAt === null ? null : new Date(lastPolledAt).toISOString(),
    lastOkAt: lastOkAt === null ? null : new Date(lastOkAt).toISOString(),
  };
}

function summaryLine(statuses: readonly NodeStatus[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status.health, (counts.get(status.health) ?? 0) + 1);
  return [...counts].map(([health, count]) => `${count} ${health}`).join(', ') || 'no nodes';
}

function table(statuses: readonly NodeStatus[]): string {
  const rows = [['NAME', 'HEALTH', 'STATUS', 'TIER', 'BEHIND', 'PROBLEMS'], ...statuses.map((s) => [
    s.name,
    s.health,
    s.fluxnode?.status ?? '-',
    s.fluxnode?.tier ?? '-',
    s.blocksBehind === null ? '-' : String(s.blocksBehind),
    s.problems.filter((p) => p.severity !== 'info').map((p) => p.code).join(',') || '-',
  ])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/** Polls every node once through the app's own pipeline, reporting progress on stderr. */
export async function pollOnce(services: Services, io: CliIO): Promise<NodeStatus[]> {
  const total = services.nodesRepo.list().length;
  if (total === 0) return [];
  const finished = new Promise<PollProgress>((resolve) => {
    const dispose = services.events.subscribe('fleet:onPollProgress', (progress) => {
      io.stderr(`\rpolled ${progress.done}/${progress.total}${progress.failed ? ` (${progress.failed} failed)` : ''}`);
      if (!progress.running && progress.done >= progress.total) {
        dispose();
        resolve(progress);
      }
    });
  });
  services.monitor.start();
  services.monitor.pollNow();
  await finished;
  io.stderr('\n');
  const statuses = services.monitor.status();
  services.monitor.stop();
  return statuses;
}

const pollCommand: CliCommand = {
  path: ['poll'],
  summary: 'poll every node once and record the results',
  help: `Usage: fluxdeck poll --once [--json]

Polls every registered node once (FluxOS API, and SSH for legacy nodes with credentials), records
the results in the history, sends alerts for what changed, and prints each node's health. Progress
goes to stderr. Exits 0 when the poll ran, even if nodes are unhealthy. A host key never seen before
is trusted on first use and pinned (the app asks instead); a changed key is always refused.`,
  options: { once: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(args, io) {
    if (!args.values.once) throw new UsageError('only --once is supported here; the app and `serve` poll continuously');
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
    // A long interval: this run polls each node exactly once, on demand.
    const services = createServices({ dataDir, mode: 'serve', hostKeyPolicy: 'tofu', overrides: { poller: { intervalMs: 24 * 3_600_000 } } });
    try {
      const statuses = await pollOnce(services, io);
      if (args.values.json) io.stdout(`${JSON.stringify({ nodes: statuses.map((status) => forScripts(status, routesOf(services))) }, null, 2)}\n`);
      else io.stdout(statuses.length ? `${table(statuses)}\n${summaryLine(statuses)}\n` : 'No nodes yet.\n');
      return 0;
    } finally {
      await services.close();
    }
  },
};

const statusCommand: CliCommand = {
  path: ['status'],
  summary: "show every node's latest health",
  help: `Usage: fluxdeck status [--json]

Shows each node's health and problems from its latest poll (run by the app, \`serve\` or
\`fluxdeck poll --once\`). --json prints {"nodes":[...]}: unknown values are null, never invented.`,
  options: { json: { type: 'boolean' } },
  async run(args: ParsedArgs, io) {
    const { statuses, json } = await withServices(resolveDataDir(stringOption(args, 'data-dir'), io), (services) => {
      const statuses = services.monitor.status();
      return { statuses, json: { nodes: statuses.map((status) => forScripts(status, routesOf(services))) } };
    });
    if (args.values.json) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    else io.stdout(statuses.length ? `${table(statuses)}\n${summaryLine(statuses)}\n` : 'No nodes yet.\n');
    return 0;
  },
};

export const fleetCommands: CliCommand[] = [pollCommand, statusCommand];
