import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'fluxdeck.mjs');

export interface ServeInstance {
  url: string;
  dataDir: string;
  /** Runs another fluxdeck command against the same data dir. */
  cli: (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `fluxdeck serve` on `dataDir` (with `args` such as `--poll-interval`), resolved once it prints its URL. */
export function startServe(dataDir: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`fluxdeck serve exited with ${code}: ${output}`)));
  });
}

export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Each test gets its own throw-away data dir and its own `fluxdeck serve` with the real backend. */
export const test = base.extend<{ serve: ServeInstance }>({
  serve: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-'));
    const { child, url } = await startServe(dataDir);
    await use({ url, dataDir, cli: (...args) => runCli([...args, '--data-dir', dataDir]) });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
