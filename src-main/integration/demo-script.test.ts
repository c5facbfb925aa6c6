import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';

/**
 * `npm run demo` (bin/demo.mjs) as a user runs it: a real simulator, import and `serve`. The demo
 * runs as the leader of its own process group, so "nothing left behind" is checked on the whole
 * group, whatever the demo started (issue 13, rough edge 1).
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DEMO = path.join(ROOT, 'bin', 'demo.mjs');
const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m;

/** Where an Electron binary exists the demo opens the desktop app instead of serving. */
function electronBinaryPresent(): boolean {
  const pathFile = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(path.join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8')));
}

/** Processes of a group that still run (zombies waiting for a reaper do not), from /proc. */
function liveMembers(pgid: number): string[] {
  const alive: string[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces, so read after its closing parenthesis.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') alive.push(`${entry} ${stat.slice(stat.indexOf('('), stat.lastIndexOf(')') + 1)}`);
  }
  return alive;
}

interface Demo {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
const temps: (() => void)[] = [];

/** The demo's throw-away dirs are made under `tmp` (its TMPDIR), so the test sees what it leaves. */
function startDemo(tmp: string, args: string[], env: Record<string, string> = {}): Demo {
  const child = spawn(process.execPath, [DEMO, ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, ...env } });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

afterEach(() => {
  // A failed assertion must not leave a simulator behind either.
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  for (const cleanup of temps.splice(0)) cleanup();
});

function tempDir(): string {
  const temp = makeTempDir();
  temps.push(temp.cleanup);
  return temp.dir;
}

const demoDirs = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('fluxdeck-demo-'));

describe.skipIf(electronBinaryPresent())('bin/demo.mjs', () => {
  it('stops with a clear message and a non-zero exit when the native build fails, starting nothing else', async () => {
    const tmp = tempDir();
    const failing = path.join(tmp, 'native-fails.mjs');
    writeFileSync(failing, "console.error('[native] no C++ compiler found'); process.exit(3);\n");
    const demo = startDemo(tmp, ['--no-open'], { FLUXDECK_DEMO_NATIVE_SCRIPT: failing });
    expect(await demo.exited).toBe(1);
    expect(demo.stderr()).toContain('[demo] building the native SQLite module for Node failed (exit code 3); stopping.');
    expect(demo.stdout()).not.toContain('starting 12 simulated FluxNodes');
    await expect.poll(() => liveMembers(demo.child.pid!), { timeout: 5_000 }).toEqual([]);
    expect(demoDirs(tmp)).toEqual([]);
  });

  it('stops the running simulator and throws its data dir away when serve fails after it started', async () => {
    // serve refuses a poll interval under 5 s: a real failure once the simulator and the import are done.
    const tmp = tempDir();
    const demo = startDemo(tmp, ['--no-open', '--poll-interval', '1']);
    expect(await demo.exited).toBe(1);
    expect(demo.stdout()).toContain('[sim] ');
    expect(demo.stderr()).toMatch(/\[demo\] fluxdeck serve stopped unexpectedly \(exit code \d+\); stopping\./);
    await expect.poll(() => liveMembers(demo.child.pid!), { timeout: 5_000 }).toEqual([]);
    expect(demoDirs(tmp)).toEqual([]);
  }, 60_000);

  it('prints the URL last, on its own line, after saying the data dir is thrown away; Ctrl-C stops everything', async () => {
    const tmp = tempDir();
    const demo = startDemo(tmp, ['--no-open']);
    await expect.poll(() => URL_LINE.test(demo.stdout()), { timeout: 50_000, interval: 200 }).toBe(true);
    const url = URL_LINE.exec(demo.stdout())![0];
    // The URL works: its token is traded for the session cookie.
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('set-cookie')).toBeTruthy();
    const dataDir = /\[demo\] data dir (\S+) is thrown away when the demo stops\./.exec(demo.stdout())?.[1];
    expect(dataDir && existsSync(dataDir)).toBe(true);

    // While the demo runs, the URL stays the last thing on the terminal.
    const lines = demo.stdout().trimEnd().split('\n');
    expect(lines.at(-1)).toBe(url);
    expect(lines.at(-2)).toBe('[demo] Press Ctrl-C to stop.');
    expect(lines.filter((line) => line.includes('Press Ctrl-C'))).toHaveLength(1);

    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    await expect.poll(() => liveMembers(demo.child.pid!), { timeout: 5_000 }).toEqual([]);
    expect(existsSync(dataDir!)).toBe(false);
    expect(demoDirs(tmp)).toEqual([]);
  }, 60_000);
});
