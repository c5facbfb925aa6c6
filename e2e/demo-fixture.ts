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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/**
 * The 12-node demo fleet (a simulator child process, one block a second so payments happen during
 * the run), imported into a fresh data dir, behind `fluxdeck serve` polling every 5 s. One per
 * worker: the fleet and rewards specs share it, and later tests see more history.
 */
export const test = base.extend<object, { demo: DemoFleet }>({
  demo: [
    async ({}, use) => {
      const work = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-demo-'));
      const dataDir = path.join(work, 'data');
      const inventory = path.join(work, 'inventory.json');
      const sim = spawn(process.execPath, [CLI, 'sim', '--fleet', path.join(ROOT, 'resources/sim/demo-fleet.json'), '--inventory', inventory, '--block-ms', '1000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitForOutput(sim, /Inventory: /);
      if (!existsSync(inventory)) throw new Error('the simulator wrote no inventory');
      const imported = await runCli(['nodes', 'import', inventory, '--set-public-api', '--data-dir', dataDir]);
      if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
      const serve = spawn(process.execPath, [CLI, 'serve', '--no-open', '--poll-interval', '5', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const [, url] = await waitForOutput(serve, /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      await use({ url: url!, dataDir, inventory });
      await stop(serve);
      await stop(sim);
      rmSync(work, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect } from '@playwright/test';
