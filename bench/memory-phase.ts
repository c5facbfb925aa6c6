import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Inventory } from '../src-shared/inventory.schema';
import { EventHub } from '../src-main/core/contract-server/event-hub';
import { InventoryImporter } from '../src-main/core/nodes/inventory-import';
import { NodesRepo } from '../src-main/core/nodes/nodes.repo';
import { databasePath } from '../src-main/core/paths';
import { SettingsRepo } from '../src-main/core/store/settings.repo';
import { HostKeys } from '../src-main/core/ssh/host-keys';
import { HostKeysRepo } from '../src-main/core/ssh/host-keys.repo';
import { openDatabase } from '../src-main/core/store/database';
import type { Cleanup } from './cleanup';
import { rssMbOf } from './proc-stat';
import { loopbackHost } from './seed-fleet';
import { BENCH_FLEET, CLI, startSimChild, type SimChild } from './sim-child';

/** Simulated nodes per simulator process: one process for 5,000 would pass the 20,000 open-file limit. */
const NODES_PER_SIM = 2500;

const presetsSchema = z.object({ count: z.array(z.object({ preset: z.string(), n: z.number().int().positive() }).loose()).min(1) }).loose();

export interface MemoryFigures {
  /** Highest RSS of `fluxdeck poll --once` sampled every 200 ms (its statuses, sockets, caches). */
  peakRssMb: number;
  pollMs: number;
  nodes: number;
  /** Nodes that ended unreachable (informative: two simulators do not share one chain). */
  unreachable: number;
}

/** `nodes` legacy nodes in the bench fleet's tier mix, split over simulator fleet files. */
async function writeFleets(nodes: number, dir: string): Promise<string[]> {
  const mix = presetsSchema.parse(JSON.parse(await readFile(BENCH_FLEET, 'utf8'))).count;
  const total = mix.reduce((sum, c) => sum + c.n, 0);
  const presetOf = (i: number): string => {
    let at = ((i % total) + total) % total;
    for (const c of mix) {
      if (at < c.n) return c.preset;
      at -= c.n;
    }
    return mix[0]!.preset;
  };
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let start = 0; start < nodes; start += NODES_PER_SIM) {
    const part = Array.from({ length: Math.min(NODES_PER_SIM, nodes - start) }, (_, k) => {
      const i = start + k;
      return { name: `mem-${i + 1}`, preset: presetOf(i), host: loopbackHost(i), tags: ['bench'] };
    });
    const file = path.join(dir, `memory-fleet-${files.length + 1}.json`);
    await writeFile(file, JSON.stringify({ network: { height: 2_100_000 }, nodes: part }));
    files.push(file);
  }
  return files;
}

function runCli(args: string[], onPid?: (pid: number) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    if (child.pid) onPid?.(child.pid);
  });
}

const pollOutputSchema = z.object({ nodes: z.array(z.object({ health: z.string() }).loose()) });

/**
 * The app's InventoryImporter, but with a HostKeys that reports no events: through createServices
 * every pinned key's event scans the whole node list, which makes importing 5,000 nodes take
 * minutes (quadratic; see the bench report).
 */
function importDirect(dataDir: string, inventory: Inventory): void {
  const db = openDatabase(databasePath(dataDir));
  try {
    const importer = new InventoryImporter(new NodesRepo(db), new HostKeys(new HostKeysRepo(db)), new SettingsRepo(db), new EventHub());
    const report = importer.import(inventory, { setPublicApi: true });
    if (report.added.length !== inventory.nodes.length) throw new Error(`imported ${report.added.length} of ${inventory.nodes.length} nodes`);
  } finally {
    db.close();
  }
}

/**
 * Main-process memory at fleet scale with live connections: `nodes` simulated legacy nodes (in
 * child simulators), imported with the app's importer, then polled once by
 * `fluxdeck poll --once` — the app's own composition root in a fresh process, so nothing the bench
 * did before sits in its heap. Its RSS is sampled from /proc while it runs; the peak is reported.
 */
export async function runMemoryPhase(options: { dir: string; nodes: number; cleanup: Cleanup; log: (line: string) => void }): Promise<MemoryFigures> {
  const files = await writeFleets(options.nodes, options.dir);
  const sims: SimChild[] = [];
  const stops: (() => Promise<void>)[] = [];
  try {
    const started = await Promise.all(
      files.map((fleetFile, i) =>
        startSimChild({
          fleetFile,
          inventoryFile: path.join(options.dir, `memory-inventory-${i + 1}.json`),
          keysDir: path.join(options.dir, `memory-keys-${i + 1}`),
          timeoutMs: 60_000 + NODES_PER_SIM * 100,
        }),
      ),
    );
    for (const sim of started) {
      sims.push(sim);
      stops.push(options.cleanup.add('memory simulator', () => sim.stop()));
    }
    const inventory: Inventory = { publicApi: sims[0]!.inventory.publicApi, nodes: sims.flatMap((s) => s.inventory.nodes) };
    const dataDir = path.join(options.dir, 'memory-data');
    importDirect(dataDir, inventory);
    options.log(`${inventory.nodes.length} simulated nodes imported; polling them once with fluxdeck poll --once`);

    let peak = 0;
    let timer: NodeJS.Timeout | undefined;
    const t0 = performance.now();
    const polled = await runCli(['poll', '--once', '--json', '--data-dir', dataDir], (pid) => {
      timer = setInterval(() => (peak = Math.max(peak, rssMbOf(pid) ?? 0)), 200);
    }).finally(() => clearInterval(timer));
    const pollMs = performance.now() - t0;
    if (polled.code !== 0) throw new Error(`poll --once exited ${polled.code}: ${polled.stderr.trim()}`);
    const statuses = pollOutputSchema.parse(JSON.parse(polled.stdout)).nodes;
    if (statuses.length !== options.nodes) throw new Error(`poll --once reported ${statuses.length} of ${options.nodes} nodes`);
    return { peakRssMb: peak, pollMs, nodes: options.nodes, unreachable: statuses.filter((s) => s.health === 'unreachable').length };
  } finally {
    for (const stop of stops) await stop();
  }
}
