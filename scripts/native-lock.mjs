// A cross-process lock for ensure-native.mjs: `npm test` and `npm run demo` started together
// used to rebuild better-sqlite3 at the same time, each deleting the other's half-written build.
// mkdir is atomic on every filesystem we run on, so the lock is a directory holding the owner's
// pid; a lock whose owner is gone (killed mid-build) is taken over rather than waited on forever.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

function ownerAlive(lockDir) {
  let pid;
  try {
    pid = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Just created, pid not yet written: alive, unless the dir is old (its owner died in between).
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 30_000;
    } catch {
      return false;
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding `lockDir`; a second caller waits (printing once why) until the first
 * is done. Synchronous on purpose: the script around it is.
 */
export function withNativeLock(lockDir, fn, { pollMs = 200, log = (line) => console.error(line) } = {}) {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  let told = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
      if (!ownerAlive(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!told) {
        log('[native] another process is building better-sqlite3; waiting for it…');
        told = true;
      }
      sleep(pollMs);
    }
  }
  try {
    writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
