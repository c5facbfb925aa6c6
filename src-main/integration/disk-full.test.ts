import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollProgress, StorageStatus } from '../../src-shared/contract';
import { createServices, type Services } from '../core/services';
import { startSimFleet, type SimFleet } from '../sim';
import { FAST_PROBE, nextEvent } from '../testkit/fleet/fleet-harness';

/**
 * A full disk under the data dir: a small tmpfs mounted by the test (root only; elsewhere the test
 * is skipped with the reason printed). Polling goes on from memory, one `app:onStorage` says
 * "history is not being saved: disk full", nothing stored is lost, and writing resumes by itself
 * when space comes back.
 */

function mountSmallTmpfs(): { dir?: string; reason?: string } {
  if (process.platform !== 'linux') return { reason: 'tmpfs mounts need Linux' };
  if (process.getuid?.() !== 0) return { reason: 'mounting a size-limited tmpfs needs root' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    rmdirSync(dir);
    return { reason: `mount failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

const mounted = mountSmallTmpfs();
if (!mounted.dir) console.log(`[disk-full] skipped: ${mounted.reason}`);

/** Fills the filesystem holding `file` until it refuses more (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last bytes too, so even a one-page WAL append fails.
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, chunk.subarray(0, size));
      } catch {
        // next smaller size
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.runIf(mounted.dir !== undefined)('history on a full disk', () => {
  const dataDir = path.join(mounted.dir ?? '', 'FluxDeck');
  const filler = path.join(mounted.dir ?? '', 'filler');
  let sim: SimFleet;
  let services: Services;
  const storageEvents: StorageStatus[] = [];

  const samples = (): number => (services.db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  const poll = async (): Promise<void> => {
    const done = nextEvent<PollProgress>((l) => services.events.subscribe('fleet:onPollProgress', l), (p) => !p.running && p.done >= p.total, 30_000, 'poll cycle');
    services.monitor.pollNow();
    await done;
    services.monitor.writer.flush();
  };

  beforeAll(async () => {
    sim = await startSimFleet(
      { network: { height: 2_100_000 }, nodes: [{ name: 'a', preset: 'healthy-cumulus-legacy' }, { name: 'b', preset: 'healthy-nimbus-arcane' }] },
      { blockMs: 0 },
    );
    services = createServices({ dataDir, mode: 'serve', overrides: { poller: { intervalMs: 24 * 3_600_000 }, probe: FAST_PROBE } });
    services.events.subscribe('app:onStorage', (status) => storageEvents.push(status));
    services.importer.import(sim.inventory, { setPublicApi: true });
    services.monitor.start();
  }, 60_000);

  afterAll(async () => {
    await services?.close();
    await sim?.handle.close();
    if (mounted.dir) {
      execFileSync('umount', [mounted.dir]);
      rmSync(mounted.dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('keeps polling from memory, shows one banner, keeps what was stored, and resumes by itself', async () => {
    await poll();
    const stored = samples();
    expect(stored).toBe(2);
    expect(services.monitor.writer.status()).toEqual({ saving: true, pending: 0 });

    // An empty WAL, then no free byte: the next history write must grow a file and cannot.
    services.db.pragma('wal_checkpoint(TRUNCATE)');
    fillDisk(filler);
    await sim.handle.setFaults('b', { apiDown: true });
    const alerted = nextEvent<{ title: string }>((l) => services.events.subscribe('alerts:onFired', l), () => true, 20_000, 'an alert while the disk is full');
    await poll();
    await poll();
    await poll();

    // Alerting went on: node b, unreachable for three polls, raised its alert from memory.
    await services.alerts.engine.flush();
    expect((await alerted).title).toContain('b');
    // Polling went on: the new fault is visible from memory.
    const b = services.monitor.status().find((s) => s.name === 'b');
    expect(b?.health).toBe('unreachable');
    expect(services.monitor.writer.status()).toMatchObject({ saving: false, reason: 'history is not being saved: disk full', pending: 6 });
    expect(storageEvents).toEqual([expect.objectContaining({ saving: false, reason: 'history is not being saved: disk full' })]);
    expect(samples()).toBe(stored);

    // Space comes back: the retry timer writes the backlog without anyone asking.
    const resumed = nextEvent<StorageStatus>((l) => services.events.subscribe('app:onStorage', l), (s) => s.saving, 20_000, 'writing resumed');
    rmSync(filler);
    await resumed;
    expect(samples()).toBe(stored + 6);
    expect(storageEvents.map((s) => s.saving)).toEqual([false, true]);
    expect(services.monitor.writer.status()).toEqual({ saving: true, pending: 0 });
  });
});
