import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PollProgress } from '../src-shared/contract';
import type { Inventory } from '../src-shared/inventory.schema';
import { InventoryImporter } from '../src-main/core/nodes/inventory-import';
import { createServices } from '../src-main/core/services';
import { withDeadline, type Cleanup } from './cleanup';
import { failedNodes } from './poll-phase';
import { profiled } from './profile';
import { cpuMsOf, ownCpuMsSince } from './proc-stat';
import { startSimChild, writeScaledFleet } from './sim-child';

/** One round over an API-only fleet: what a network-wide dashboard pays per round. */
export interface NetworkRound {
  nodes: number;
  roundMs: number;
  cpuMsPerNode: number;
  /** The simulator's CPU per node in that round: it shares the box's cores with FluxDeck. */
  simCpuMsPerNode: number;
  /** Highest RSS of this process sampled every 200 ms during the round. */
  peakRssMb: number;
  errors: number;
}

export interface NetworkFigures {
  small: NetworkRound;
  large: NetworkRound;
  /** Per-node CPU at the large size ÷ at the small one: 1.0 means the cost grows linearly. */
  cpuGrowth: number;
}

/** The first `count` nodes of the simulator's inventory (API-only nodes: no SSH credentials in it). */
function firstNodes(inventory: Inventory, count: number): string {
  return JSON.stringify({ publicApi: inventory.publicApi, nodes: inventory.nodes.slice(0, count) });
}

async function round(dataDir: string, inventoryText: string, nodes: number, simPid: number, log: (line: string) => void, profileDir?: string): Promise<NetworkRound> {
  // A day-long interval: the round below is the only poll; the poller's default concurrency applies.
  const services = createServices({ dataDir, mode: 'serve', overrides: { poller: { intervalMs: 24 * 3_600_000 } } });
  let peak = process.memoryUsage.rss();
  // rss() alone: memoryUsage() also walks every heap space, a measurable part of a round at 10,000 nodes.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 200);
  try {
    const report = services.importer.import(InventoryImporter.parse(JSON.parse(inventoryText)), { setPublicApi: true });
    if (report.added.length !== nodes) throw new Error(`imported ${report.added.length} of ${nodes} nodes`);
    let dispose = () => undefined as void;
    const finished = new Promise<PollProgress>((resolve) => {
      dispose = services.events.subscribe('fleet:onPollProgress', (p) => {
        if (!p.running && p.done >= p.total) resolve(p);
      });
    });
    const cpu = process.cpuUsage();
    const simCpu = cpuMsOf(simPid);
    const t0 = performance.now();
    await profiled(profileDir, 'network-round', () => {
      services.monitor.start();
      services.monitor.pollNow();
      return withDeadline(finished, Math.max(120_000, nodes * 30), `the ${nodes}-node API round`).finally(dispose);
    });
    const roundMs = performance.now() - t0;
    const cpuMs = ownCpuMsSince(cpu);
    const simCpuMsPerNode = (cpuMsOf(simPid) - simCpu) / nodes;
    const errors = failedNodes(services.monitor.status()).length;
    log(`API-only round of ${nodes} nodes: ${(roundMs / 1000).toFixed(1)} s, ${(cpuMs / nodes).toFixed(2)} ms CPU per node (simulator ${simCpuMsPerNode.toFixed(2)} ms), ${errors} errors`);
    return { nodes, roundMs, cpuMsPerNode: cpuMs / nodes, simCpuMsPerNode, peakRssMb: Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024), errors };
  } finally {
    clearInterval(sampler);
    await services.close();
  }
}

/**
 * Whole-network scale on the API path: `nodes` simulated nodes (in a child process) polled once
 * with no SSH, and a tenth of them polled the same way first, so per-node cost growth is a ratio
 * from one run.
 */
export async function runNetworkPhase(options: {
  dir: string;
  nodes: number;
  cleanup: Cleanup;
  log: (line: string) => void;
  /** `--profile`: CPU profiles of the large round (main) and of the simulator. */
  profileDir?: string;
}): Promise<NetworkFigures> {
  await mkdir(options.dir, { recursive: true });
  const fleetFile = path.join(options.dir, 'network-fleet.json');
  await writeScaledFleet(options.nodes, fleetFile, { apiOnly: true });
  const sim = await startSimChild({
    fleetFile,
    inventoryFile: path.join(options.dir, 'network-inventory.json'),
    keysDir: path.join(options.dir, 'network-keys'),
    timeoutMs: 60_000 + options.nodes * 50,
    profileDir: options.profileDir,
  });
  const stopSim = options.cleanup.add('network simulator', () => sim.stop());
  try {
    const smallNodes = Math.max(1, Math.round(options.nodes / 10));
    const small = await round(path.join(options.dir, 'network-small'), firstNodes(sim.inventory, smallNodes), smallNodes, sim.pid, options.log);
    const large = await round(path.join(options.dir, 'network-large'), firstNodes(sim.inventory, options.nodes), options.nodes, sim.pid, options.log, options.profileDir);
    return { small, large, cpuGrowth: large.cpuMsPerNode / small.cpuMsPerNode };
  } finally {
    await stopSim();
  }
}
