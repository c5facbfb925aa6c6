import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, runCli, test as base } from './serve-fixture';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface DemoFleet {
  url: string;
  dataDir: string;
  /** The simulator's inventory: hosts, ports, the client key and each node's host-key fingerprint. */
  inventory: string;
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

export interface SimulatedFleetOptions {
  /** Milliseconds per block; 0 stops the chain. */
  blockMs: number;
  /** Point FluxDeck's public API at the simulator's stand-in. */
  publicApi: boolean;
  /** Keep the simulator's standard input open for control lines (`fluxdeck sim --control-stdin`). */
  controlStdin?: boolean;
}

export interface SimulatedFleet extends DemoFleet {
  /** Sends one control line to the simulator (with `controlStdin`). */
  control: (line: object) => void;
  stop: () => Promise<void>;
}

/**
 * A fleet file run by the simulator in a child process, imported into a fresh data dir, behind
 * `fluxdeck serve` polling every 5 s.
 */
export async function startSimulatedFleet(fleetFile: string, options: SimulatedFleetOptions): Promise<SimulatedFleet> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-fleet-'));
  const dataDir = path.join(work, 'data');
  const inventory = path.join(work, 'inventory.json');
  const simArgs = [CLI, 'sim', '--fleet', fleetFile, '--inventory', inventory, '--block-ms', String(options.blockMs), ...(options.controlStdin ? ['--control-stdin'] : [])];
  const sim = spawn(process.execPath, simArgs, { stdio: [options.controlStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let serve: ChildProcess | undefined;
  const stopAll = async (): Promise<void> => {
    await stop(serve);
    await stop(sim);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForOutput(sim, /Inventory: /);
    if (!existsSync(inventory)) throw new Error('the simulator wrote no inventory');
    const imported = await runCli(['nodes', 'import', inventory, ...(options.publicApi ? ['--set-public-api'] : []), '--data-dir', dataDir]);
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
    serve = spawn(process.execPath, [CLI, 'serve', '--no-open', '--poll-interval', '5', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [, url] = await waitForOutput(serve, /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
    return {
      url: url!,
      dataDir,
      inventory,
      control: (line) => {
        if (!sim.stdin) throw new Error('the simulator was started without controlStdin');
        sim.stdin.write(`${JSON.stringify(line)}\n`);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The 12-node demo fleet (one block a second so payments happen during the run), imported into a
 * fresh data dir, behind `fluxdeck serve` polling every 5 s. One per worker: the fleet and rewards
 * specs share it, and later tests see more history.
 */
export const test = base.extend<object, { demo: DemoFleet }>({
  demo: [
    async ({}, use) => {
      const fleet = await startSimulatedFleet(path.join(ROOT, 'resources/sim/demo-fleet.json'), { blockMs: 1000, publicApi: true });
      await use({ url: fleet.url, dataDir: fleet.dataDir, inventory: fleet.inventory });
      await fleet.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect } from '@playwright/test';
