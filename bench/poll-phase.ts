import type { NodeStatus, PollProgress } from '../src-shared/contract';
import { DEFAULT_ROUTE_TTL_MS, DEFAULT_ROUTE_TTLS } from '../src-main/core/probe/api-probe';
import { InventoryImporter } from '../src-main/core/nodes/inventory-import';
import pLimit from 'p-limit';
import { sshTargetFor } from '../src-main/core/nodes/ssh-target';
import { CARRIED_SOURCES, type CarriedSource } from '../src-main/core/probe/cli-facts';
import { probeSsh } from '../src-main/core/probe/ssh-probe';
import { createServices, type Services } from '../src-main/core/services';
import { sleep, withDeadline } from './cleanup';
import { ownCpuMsSince, rssMb } from './proc-stat';
import { profiled } from './profile';

/** Problems that mean a source failed: a healthy simulated fleet must raise none of them. */
const ERROR_CODES = new Set([
  'UNREACHABLE',
  'ROUTE_UNREACHABLE',
  'BAD_RESPONSE',
  'API_ERROR',
  'SSH_UNREACHABLE',
  'SSH_UNAVAILABLE',
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_UNKNOWN',
]);

/**
 * How long a polled route stays cached (FluxOS's own 30 s apicache). The warm cycle waits this out
 * after the cold one, as the app's 60 s poll interval does, so it asks every route again, except
 * `isArcaneOs` (10 min), which the app also keeps between polls.
 */
export const ROUTE_TTL_MS = Math.max(DEFAULT_ROUTE_TTL_MS, DEFAULT_ROUTE_TTLS.fluxnodeStatus ?? 0);

/**
 * What a warm poll of a legacy node carries in its SSH exec (what fluxd and fluxbench answer, and the
 * apps FluxOS answers on the node's loopback): the sources due again once the route cache expired,
 * the rest being cached. The baseline's script and the "SSH path alone" carry the same, like for like.
 */
export const WARM_POLL_CARRY: readonly CarriedSource[] = CARRIED_SOURCES.filter((s) => (DEFAULT_ROUTE_TTLS[s] ?? DEFAULT_ROUTE_TTL_MS) <= ROUTE_TTL_MS);

export interface CycleFigures {
  wallMs: number;
  cpuMs: number;
  errors: number;
  sshConnections: number;
}

export interface PollFigures {
  cold: CycleFigures;
  warm: CycleFigures;
  cpuMsPerNodePoll: number;
  /** The SSH part alone (pooled connection, same script, parsed), comparable with the baseline. */
  sshPath: { wallMs: number; cpuMsPerNodePoll: number; errors: number };
  rssMb: number;
  /** Nodes that failed in either cycle. */
  errors: number;
  /** A few failed nodes with their problem codes, to say why. */
  errorSamples: string[];
  /** The statuses of the warm cycle, reused to seed realistic rows elsewhere. */
  statuses: NodeStatus[];
}

/** Nodes whose status shows a failure nobody asked the simulator for. */
export function failedNodes(statuses: readonly NodeStatus[]): NodeStatus[] {
  return statuses.filter((s) => s.health === 'unreachable' || s.health === 'unknown' || s.problems.some((p) => ERROR_CODES.has(p.code)));
}

function describeFailure(status: NodeStatus): string {
  const codes = status.problems.filter((p) => ERROR_CODES.has(p.code)).map((p) => `${p.code}: ${p.message.slice(0, 160)}`);
  return `${status.name} (${status.health}) ${codes.join('; ')}`;
}

/** Polls every node once through the monitor, as `fluxdeck poll --once` does; resolves when done. */
async function cycle(services: Services, timeoutMs: number): Promise<void> {
  let dispose = () => undefined as void;
  const finished = new Promise<PollProgress>((resolve) => {
    dispose = services.events.subscribe('fleet:onPollProgress', (progress) => {
      if (!progress.running && progress.done >= progress.total) resolve(progress);
    });
  });
  try {
    // Right after start() every node is already queued: pollNow then only tracks their progress.
    services.monitor.pollNow();
    await withDeadline(finished, timeoutMs, 'the poll cycle');
    // The cycle's results are written in the same cycle (HistoryWriter's last partial batch).
    services.monitor.writer.flush();
  } finally {
    dispose();
  }
}

/**
 * The same work as the baseline, FluxDeck's way: every node's probe script over its pooled (warm)
 * connection through probeSsh, 32 at a time, parsed into facts. Without the API requests a full
 * poll adds, this is the like-for-like comparison with one `ssh` process per node.
 */
async function sshPathOnly(services: Services): Promise<PollFigures['sshPath']> {
  const nodes = services.nodesRepo.list();
  const limit = pLimit(32);
  let errors = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    nodes.map((node) =>
      limit(async () => {
        const target = sshTargetFor(node, services.nodesRepo.credentialRefs(node.id));
        const result = target ? await probeSsh(services.sshPool, target, { now: Date.now, carry: WARM_POLL_CARRY, apiPort: node.apiPort }) : undefined;
        if (!result?.ok) errors++;
      }),
    ),
  );
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMsPerNodePoll: ownCpuMsSince(cpu) / Math.max(1, nodes.length), errors };
}

async function measured(services: Services, timeoutMs: number): Promise<CycleFigures> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await cycle(services, timeoutMs);
  const wallMs = performance.now() - t0;
  const cpuMs = ownCpuMsSince(cpu);
  return { wallMs, cpuMs, errors: failedNodes(services.monitor.status()).length, sshConnections: services.sshPool.stats().connections };
}

/**
 * FluxDeck's own poll path, in this process: the composition root the app and `serve` use
 * (createServices: ProbePipeline → FleetMonitor → HistoryWriter, rewards and alerts observers),
 * the inventory imported as `fluxdeck nodes import` does, then a cold cycle (handshakes, first
 * API connections) and two warm ones, each once the route cache has expired.
 */
export async function runPollPhase(options: {
  dataDir: string;
  inventoryText: string;
  nodes: number;
  onServices: (services: Services) => void;
  profileDir?: string;
  log: (line: string) => void;
}): Promise<PollFigures> {
  // A day-long interval: only the bench's pollNow calls poll, never the scheduler.
  const services = createServices({ dataDir: options.dataDir, mode: 'serve', overrides: { poller: { intervalMs: 24 * 3_600_000 } } });
  options.onServices(services);
  const report = services.importer.import(InventoryImporter.parse(options.inventoryText), { setPublicApi: true });
  if (report.added.length !== options.nodes) throw new Error(`imported ${report.added.length} of ${options.nodes} nodes`);
  const timeoutMs = Math.max(120_000, options.nodes * 200);

  services.monitor.start();
  const cold = await measured(services, timeoutMs);
  const coldFailed = failedNodes(services.monitor.status());
  options.log(`cold cycle ${(cold.wallMs / 1000).toFixed(1)} s, ${cold.sshConnections} SSH connections, ${cold.errors} errors; waiting ${ROUTE_TTL_MS / 1000} s for the route cache to expire`);
  await sleep(ROUTE_TTL_MS + 500);

  // The first warm cycle still does first-time work (the first facts carried over SSH are parsed
  // and remembered); the app's polls from the third on look like the second warm cycle, which is
  // the figure.
  const firstWarm = await measured(services, timeoutMs);
  const firstWarmFailed = failedNodes(services.monitor.status());
  options.log(`first warm cycle ${(firstWarm.wallMs / 1000).toFixed(1)} s, ${(firstWarm.cpuMs / options.nodes).toFixed(2)} ms CPU per node, ${firstWarm.errors} errors; waiting ${ROUTE_TTL_MS / 1000} s again`);
  await sleep(ROUTE_TTL_MS + 500);

  const warm = await profiled(options.profileDir, 'warm-poll-cycle', () => measured(services, timeoutMs));
  const rss = rssMb();
  const statuses = services.monitor.status();
  const warmFailed = failedNodes(statuses);
  const failed = new Map([...coldFailed, ...firstWarmFailed, ...warmFailed].map((s) => [s.nodeId, s]));
  options.log(`warm cycle ${(warm.wallMs / 1000).toFixed(1)} s, ${(warm.cpuMs / options.nodes).toFixed(2)} ms CPU per node, ${warm.sshConnections} SSH connections, ${warm.errors} errors`);
  const sshPath = await sshPathOnly(services);
  options.log(`SSH path alone ${(sshPath.wallMs / 1000).toFixed(1)} s, ${sshPath.cpuMsPerNodePoll.toFixed(2)} ms CPU per node, ${sshPath.errors} errors`);
  return {
    cold,
    warm,
    cpuMsPerNodePoll: warm.cpuMs / options.nodes,
    sshPath,
    rssMb: rss,
    errors: failed.size + sshPath.errors,
    errorSamples: [...failed.values()].slice(0, 5).map(describeFailure),
    statuses,
  };
}
