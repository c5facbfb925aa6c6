import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';

/**
 * scripts/ensure-native.mjs builds better-sqlite3 under a lock (scripts/native-lock.mjs): two
 * processes that need the build at once (`npm test` while `npm run demo` starts) must not both
 * rebuild. Real processes, and the holder releases only when the test says so: no timing.
 */

const LOCK_MODULE = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'native-lock.mjs');

/** A child that takes the lock, logs `start`/`end` to `log`, and holds it until `release` exists. */
function holder(name: string, dir: string): { child: ChildProcess; stderr: () => string; done: Promise<number | null> } {
  const script = `
    import { appendFileSync, existsSync } from 'node:fs';
    import { withNativeLock } from ${JSON.stringify(LOCK_MODULE)};
    const wait = new Int32Array(new SharedArrayBuffer(4));
    withNativeLock(${JSON.stringify(path.join(dir, 'lock'))}, () => {
      appendFileSync(${JSON.stringify(path.join(dir, 'log'))}, 'start ${name}\\n');
      while (!existsSync(${JSON.stringify(path.join(dir, `release-${name}`))})) Atomics.wait(wait, 0, 0, 20);
      appendFileSync(${JSON.stringify(path.join(dir, 'log'))}, 'end ${name}\\n');
    }, { pollMs: 20 });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, done };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const log = (dir: string): string => (existsSync(path.join(dir, 'log')) ? readFileSync(path.join(dir, 'log'), 'utf8') : '');

describe('the native-build lock', () => {
  const children: ChildProcess[] = [];
  const temp = makeTempDir('fluxdeck-native-lock-');
  afterEach(() => {
    for (const child of children) child.kill();
  });

  it('makes a second caller wait until the first is done', async () => {
    const dir = path.join(temp.dir, 'two');
    mkdirSync(dir);
    const first = holder('a', dir);
    children.push(first.child);
    await until(() => log(dir).includes('start a'));

    const second = holder('b', dir);
    children.push(second.child);
    await until(() => second.stderr().includes('waiting'));
    expect(log(dir)).toBe('start a\n');

    writeFileSync(path.join(dir, 'release-a'), '');
    writeFileSync(path.join(dir, 'release-b'), '');
    expect(await first.done).toBe(0);
    expect(await second.done).toBe(0);
    expect(log(dir)).toBe('start a\nend a\nstart b\nend b\n');
    expect(existsSync(path.join(dir, 'lock'))).toBe(false);
  });

  it('takes over a lock whose owner died mid-build', async () => {
    const dir = path.join(temp.dir, 'stale');
    mkdirSync(path.join(dir, 'lock'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, 'lock', 'pid'), dead.stdout);
    writeFileSync(path.join(dir, 'release-c'), '');
    const taker = holder('c', dir);
    children.push(taker.child);
    expect(await taker.done).toBe(0);
    expect(log(dir)).toBe('start c\nend c\n');
    temp.cleanup();
  });
});
