import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { inventorySchema, type Inventory } from '../src-shared/inventory.schema';
import { sleep } from './cleanup';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = path.join(ROOT, 'bin', 'fluxdeck.mjs');
export const BENCH_FLEET = path.join(ROOT, 'resources', 'sim', 'bench-fleet.json');

const countSchema = z.object({ preset: z.string(), n: z.number().int().positive(), namePrefix: z.string() }).loose();
const benchFleetSchema = z.object({ network: z.unknown(), count: z.array(countSchema).min(1) }).loose();

/**
 * `resources/sim/bench-fleet.json` (1,000 legacy nodes: 60 % Cumulus, 30 % Nimbus, 10 % Stratus)
 * scaled to `nodes`, keeping the tier mix; written to `file` for the simulator.
 */
export async function writeScaledFleet(nodes: number, file: string, options: { apiOnly?: boolean } = {}): Promise<void> {
  const fleet = benchFleetSchema.parse(JSON.parse(await readFile(BENCH_FLEET, 'utf8')));
  const total = fleet.count.reduce((sum, c) => sum + c.n, 0);
  let left = nodes;
  const count = fleet.count
    .map((c, i) => {
      const n = i === fleet.count.length - 1 ? left : Math.min(left, Math.round((c.n * nodes) / total));
      left -= n;
      return { ...c, n, ...(options.apiOnly ? { apiOnly: true } : {}) };
    })
    .filter((c) => c.n > 0);
  await writeFile(file, JSON.stringify({ ...fleet, count }));
}

export interface SimChild {
  inventory: Inventory;
  inventoryText: string;
  keysDir: string;
  pid: number;
  /** With `control`: switches faults in the running simulator (see `fluxdeck sim --control-stdin`). */
  control(line: object): void;
  stop(): Promise<void>;
}

/**
 * Runs `fluxdeck sim` in its own process, so the simulated nodes' CPU never counts as FluxDeck's
 * (nor as the baseline's: the child is reaped only after the measurements). Resolves once the
 * inventory is written, i.e. every simulated socket listens.
 */
export async function startSimChild(options: {
  fleetFile: string;
  inventoryFile: string;
  keysDir: string;
  timeoutMs: number;
  control?: boolean;
  blockMs?: number;
  /** Write a V8 CPU profile of the simulator's whole run here (on exit). */
  profileDir?: string;
}): Promise<SimChild> {
  const child = spawn(
    process.execPath,
    [
      ...(options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir, '--cpu-prof-name', 'network-simulator.cpuprofile'] : []),
      CLI, 'sim', '--fleet', options.fleetFile, '--inventory', options.inventoryFile, '--block-ms', String(options.blockMs ?? 0), '--keys-dir', options.keysDir,
      ...(options.control ? ['--control-stdin'] : []),
    ],
    { stdio: [options.control ? 'pipe' : 'ignore', 'pipe', 'pipe'] },
  );
  const control = (line: object) => {
    if (!child.stdin) throw new Error('the simulator was started without control');
    child.stdin.write(`${JSON.stringify(line)}\n`);
  };
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = () => stopChild(child);

  const deadline = Date.now() + options.timeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`the simulator exited early: ${output.trim()}`);
      const text = await readFile(options.inventoryFile, 'utf8').catch(() => undefined);
      if (text !== undefined) {
        return { inventory: inventorySchema.parse(JSON.parse(text)), inventoryText: text, keysDir: options.keysDir, pid: child.pid!, control, stop };
      }
      if (Date.now() > deadline) throw new Error(`the simulator did not write its inventory within ${options.timeoutMs / 1000} s: ${output.trim()}`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
