import { existsSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chromium } from '@playwright/test';
import { InventoryImporter } from '../src-main/core/nodes/inventory-import';
import { createDispatcher } from '../src-main/core/contract-server/dispatcher';
import { createHandlers } from '../src-main/core/contract-server/handlers';
import { projectRoot } from '../src-main/core/paths';
import { startServe } from '../src-main/core/serve/serve-server';
import { createServices } from '../src-main/core/services';
import { sleep, type Cleanup } from './cleanup';
import { startSimChild, writeScaledFleet } from './sim-child';

export const SOAK_NODES = 500;
const POLL_INTERVAL_MS = 10_000;
const SAMPLE_MS = 10_000;
/** Faults the third of the fleet cycles through: a hang, a drop, a bad body, a changed host key. */
const FAULTS = [{ apiHang: true }, { sshDropMidExec: true }, { apiTruncatedJson: true }, { sshNewHostKey: true }, { apiHtml: true }] as const;
const CHROMIUM = process.env.FLUXDECK_CHROMIUM ?? '/usr/bin/chromium';

export interface SoakSample {
  atMin: number;
  rssMb: number;
  heapUsedMb: number;
  handles: number;
  sockets: number;
  loopDelayP99Ms: number;
}

export interface SoakFigures {
  minutes: number;
  nodes: number;
  start: SoakSample;
  end: SoakSample;
  /** Healthy nodes whose last poll was older than the interval, jitter and deadline allow, summed over samples. */
  latePolls: number;
  unhandledRejections: number;
  /** End ÷ start after warm-up: 1.0 is flat; the target is within 10 %. */
  growth: { rss: number; heap: number; handles: number };
}

/** Heap used after a full collection: what is really kept, not garbage awaiting the collector. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The soak (`npm run bench -- --soak MINUTES`): 500 simulated legacy nodes polled every 10 s by the
 * app's own services with `serve` and one Chromium client connected, while a third of the nodes
 * take turns failing (a minute on, a minute off). Samples memory, handles and event-loop delay
 * every 10 s; compares the first sample after warm-up with the last.
 */
export async function runSoakPhase(options: { dir: string; minutes: number; cleanup: Cleanup; log: (line: string) => void }): Promise<SoakFigures> {
  let unhandled = 0;
  const onUnhandled = () => unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const fleetFile = path.join(options.dir, 'soak-fleet.json');
  await writeScaledFleet(SOAK_NODES, fleetFile);
  const sim = await startSimChild({ fleetFile, inventoryFile: path.join(options.dir, 'soak-inventory.json'), keysDir: path.join(options.dir, 'soak-keys'), timeoutMs: 120_000, control: true, blockMs: 30_000 });
  options.cleanup.add('soak simulator', () => sim.stop());
  const services = createServices({ dataDir: path.join(options.dir, 'soak-data'), mode: 'serve', overrides: { poller: { intervalMs: POLL_INTERVAL_MS } } });
  options.cleanup.add('soak services', () => services.close());
  services.importer.import(InventoryImporter.parse(JSON.parse(sim.inventoryText)), { setPublicApi: true });
  const rendererDir = path.join(projectRoot(import.meta.url), 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('the UI is not built: run `npm run build` first');
  const serve = await startServe({ dispatch: createDispatcher(createHandlers(services)), events: services.events, rendererDir });
  options.cleanup.add('soak serve', () => serve.close());
  services.monitor.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  options.cleanup.add('soak browser', () => browser.close());
  const page = await browser.newPage();
  await page.goto(serve.url);

  const names = sim.inventory.nodes.map((n) => n.name);
  const faulty = names.filter((_, i) => i % 3 === 0);
  const faultyIds = new Set(services.nodesRepo.list().filter((n) => faulty.includes(n.name)).map((n) => n.id));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const samples: SoakSample[] = [];
  let latePolls = 0;
  const t0 = Date.now();
  const endAt = t0 + options.minutes * 60_000;
  let turn = 0;
  // Late = a healthy node not polled for an interval plus its jitter (15 %) plus the poll deadline.
  const lateAfterMs = POLL_INTERVAL_MS * 1.15 + 45_000;
  while (Date.now() < endAt) {
    await sleep(SAMPLE_MS);
    const minute = Math.floor((Date.now() - t0) / 60_000);
    if (minute !== turn) {
      turn = minute;
      // Odd minutes: each faulty node gets the next fault; even minutes: all of them recover.
      faulty.forEach((node, i) => sim.control(turn % 2 ? { node, faults: FAULTS[(i + turn) % FAULTS.length] } : { node, clear: true }));
    }
    const now = Date.now();
    for (const status of services.monitor.latest.all()) {
      if (!faultyIds.has(status.nodeId) && status.lastPolledAt !== null && now - status.lastPolledAt > lateAfterMs) latePolls++;
    }
    const resources = process.getActiveResourcesInfo();
    samples.push({
      atMin: (now - t0) / 60_000,
      rssMb: process.memoryUsage().rss / 1048576,
      heapUsedMb: heapAfterGc() / 1048576,
      handles: resources.length,
      sockets: resources.filter((r) => r === 'TCPSocketWrap').length,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
    });
    delay.reset();
    const last = samples.at(-1)!;
    options.log(`soak ${last.atMin.toFixed(1)} min: RSS ${last.rssMb.toFixed(0)} MB, heap ${last.heapUsedMb.toFixed(0)} MB, ${last.handles} handles, loop p99 ${last.loopDelayP99Ms.toFixed(1)} ms`);
  }
  delay.disable();
  process.off('unhandledRejection', onUnhandled);
  // Warm-up: the first fifth of the run (connections, JIT, caches filling) is not the baseline.
  const start = samples[Math.min(samples.length - 1, Math.floor(samples.length / 5))]!;
  const end = samples.at(-1)!;
  return {
    minutes: options.minutes,
    nodes: SOAK_NODES,
    start,
    end,
    latePolls,
    unhandledRejections: unhandled,
    growth: { rss: end.rssMb / start.rssMb, heap: end.heapUsedMb / start.heapUsedMb, handles: end.handles / Math.max(1, start.handles) },
  };
}

/** The soak's own report. */
export function formatSoak(f: SoakFigures): string {
  const flat = (x: number) => (Math.abs(x - 1) <= 0.1 ? 'pass' : 'MISS');
  const row = (label: string, a: number, b: number, unit: string, verdict: string) => `${label.padEnd(26)} ${a.toFixed(1).padStart(8)} → ${b.toFixed(1).padStart(8)} ${unit.padEnd(3)} ${verdict}`;
  return [
    `FluxDeck soak: ${f.nodes} simulated nodes every ${POLL_INTERVAL_MS / 1000} s for ${f.minutes} min, a third cycling through faults, serve + one browser`,
    '',
    `${'figure'.padEnd(26)} ${'start'.padStart(8)}   ${'end'.padStart(8)}`,
    row('RSS', f.start.rssMb, f.end.rssMb, 'MB', flat(f.growth.rss)),
    row('heap used after GC', f.start.heapUsedMb, f.end.heapUsedMb, 'MB', flat(f.growth.heap)),
    row('open handles', f.start.handles, f.end.handles, '', flat(f.growth.handles)),
    row('open sockets', f.start.sockets, f.end.sockets, '', '-'),
    row('event-loop delay p99', f.start.loopDelayP99Ms, f.end.loopDelayP99Ms, 'ms', '-'),
    `late polls of healthy nodes: ${f.latePolls} (target 0) ${f.latePolls === 0 ? 'pass' : 'MISS'}`,
    `unhandled rejections: ${f.unhandledRejections} (target 0) ${f.unhandledRejections === 0 ? 'pass' : 'MISS'}`,
  ].join('\n');
}
