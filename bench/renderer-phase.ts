import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { FleetDiff, NodeStatus } from '../src-shared/contract';
import { toSocketPayload } from '../src-shared/contract/server-message';
import { StatusBatcher } from '../src-main/core/monitor/status-batcher';
import type { Cleanup } from './cleanup';
import { sleep } from './cleanup';
import { pageProfiled } from './profile';
import { PAGE_SCRIPT, TICK_SEQ, TICK_STREAM } from './page-script';
import { rssMbOf } from './proc-stat';
import type { SeededFleet } from './seed-fleet';
import { startServeChild } from './serve-child';

const CHROMIUM = process.env.FLUXDECK_CHROMIUM ?? '/usr/bin/chromium';
const SORT_KEYS = ['name', 'health', 'tier', 'status', 'rank', 'host'] as const;
const FILTER_TEXT = 'node-42';
const LOADS = 3;
// Nine, not three: the median of three moved by ±3 ms between runs on a busy box.
const TICKS = 9;
// DevTools' own Performance-panel set: tasks, JS samples (for the call tree), layout and paint, network.
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'latencyInfo',
  'toplevel',
];

interface Timing {
  syncMs: number;
  frameMs: number;
}

export interface RendererFigures {
  /** Median of LOADS navigations; the first (cold code cache) is `firstTableColdMs`. */
  firstTableMs: number;
  firstTableColdMs: number;
  sortMs: number;
  sortMaxMs: number;
  sortFrameMs: number;
  filterMs: number;
  filterMaxMs: number;
  filterFrameMs: number;
  updateTickMs: number;
  updateTickFrameMs: number;
  /** serve's RSS with every node loaded and the UI connected, before and after one poll of all. */
  serveRssIdleMb: number;
  serveRssPolledMb: number;
  pollMs: number;
  /** JSON.parse alone of one tick's message, and its size. */
  tickParseMs: number;
  tickMb: number;
  /** Milestones of the last load, ms from navigation start. */
  loadBreakdown: LoadBreakdown;
}

export interface LoadBreakdown {
  domContentLoaded: number | null;
  wsOpen: number | null;
  snapshotArrived: number | null;
  snapshotMb: number;
  firstRow: number | null;
  firstRowFrame: number | null;
}

/** Why the renderer benchmark cannot run here, or null. */
export function rendererUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (set FLUXDECK_CHROMIUM, or install Debian's chromium)`;
  return null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const run = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(expression);

/**
 * Fleet-wide `fleet:onStatus` messages as main's own batcher publishes them, one per round: every
 * node newer than anything shown, half of them turning warning (round 1) or flipping (later
 * rounds: every node's health changes), in the form serve's socket sends. The page puts in the
 * stream position that follows the app's (`TICK_POSITION` is the placeholder).
 */
function tickMessages(statuses: readonly NodeStatus[], rounds: number): string[] {
  const diffs: FleetDiff[] = [];
  const batcher = new StatusBatcher((diff) => diffs.push(diff));
  batcher.seed(statuses);
  for (let round = 1; round <= rounds; round++) {
    const at = Date.now() + round * 1000;
    statuses.forEach((s, i) => {
      const warn = (i + round) % 2 === 0;
      batcher.push({
        ...s,
        lastPolledAt: at,
        health: warn ? 'warning' : s.health,
        problems: warn ? [...s.problems, { code: 'DISK_LOW', severity: 'warning', message: 'Disk 9 % free on /' }] : s.problems,
      });
    });
    batcher.flush();
  }
  const event = 'fleet:onStatus';
  return diffs.map((diff) => JSON.stringify({ type: 'event', event, payload: toSocketPayload(event, { ...diff, stream: TICK_STREAM, seq: TICK_SEQ }) }));
}

async function firstTable(page: Page, load: () => Promise<unknown>): Promise<number> {
  await load();
  await page.locator('[data-testid="fleet-row"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction('window.__bench.firstRowFrameAt !== null', undefined, { timeout: 10_000 });
  return run<number>(page, 'window.__bench.firstRowFrameAt');
}

/**
 * `--profile DIR`: one more load, after the timed ones, under a Chromium trace with JS sampling
 * (open it in DevTools' Performance panel); tracing slows the page, so it is not one of the timed loads.
 */
async function traceLoad(page: Page, file: string, log: (line: string) => void): Promise<void> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES });
  const ms = await firstTable(page, () => page.reload());
  await browser.stopTracing();
  log(`traced load (${ms.toFixed(0)} ms, slowed by the trace) written to ${file}`);
}

/**
 * The fleet page of `fluxdeck serve` in Chromium with every seeded node: first table, sorts, filter
 * keystrokes and fleet-wide update ticks, timed in-page; then "Poll all now" against the refusing
 * ports with serve's RSS read from /proc before and after.
 */
export async function runRendererPhase(options: { seeded: SeededFleet; cleanup: Cleanup; log: (line: string) => void; profileDir?: string | undefined }): Promise<RendererFigures> {
  const { seeded, cleanup, log, profileDir } = options;
  const serve = await startServeChild(seeded.dataDir);
  const stopServe = cleanup.add('fluxdeck serve', () => serve.stop());
  const { browser, page } = await launchBenchBrowser(cleanup);
  try {

    const loads: number[] = [];
    loads.push(await firstTable(page, () => page.goto(serve.url)));
    for (let i = 1; i < LOADS; i++) loads.push(await firstTable(page, () => page.reload()));
    const loadBreakdown = await run<LoadBreakdown>(page, 'window.__bench.loadBreakdown()');
    log(`first table ${loads.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; last load: ${JSON.stringify(loadBreakdown, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
    if (profileDir) await traceLoad(page, path.join(profileDir, 'renderer-first-table.trace.json'), log);
    await sleep(500);

    const sorts: Timing[] = [];
    for (const key of SORT_KEYS) {
      const before = await run<string | null>(page, `window.__bench.sortState(${JSON.stringify(key)})`);
      sorts.push(await run<Timing>(page, `window.__bench.sort(${JSON.stringify(key)})`));
      const after = await run<string | null>(page, `window.__bench.sortState(${JSON.stringify(key)})`);
      if (after === before || after === 'none') throw new Error(`sorting by ${key} did not change the table (aria-sort ${before} → ${after})`);
    }

    const filters: Timing[] = [];
    for (let i = 1; i <= FILTER_TEXT.length; i++) filters.push(await run<Timing>(page, `window.__bench.filter(${JSON.stringify(FILTER_TEXT.slice(0, i))})`));
    const filtered = await run<string | null>(page, 'window.__bench.firstRowName()');
    if (!filtered?.startsWith(FILTER_TEXT)) throw new Error(`filtering by "${FILTER_TEXT}" left ${filtered} first`);
    await run(page, `window.__bench.filter('')`);
    await run(page, `window.__bench.sort('name')`);

    // One real poll of every node (all refused): serve's memory with 5,000 nodes polled once.
    const serveRssIdleMb = rssMbOf(serve.pid) ?? Number.NaN;
    await run(page, 'window.__bench.watchPoll()');
    const p0 = performance.now();
    await page.getByTestId('poll-now').click();
    await page.waitForFunction('window.__bench.pollDone', undefined, { timeout: 300_000, polling: 200 });
    const pollMs = performance.now() - p0;
    await sleep(1000);
    const serveRssPolledMb = rssMbOf(serve.pid) ?? Number.NaN;
    log(`poll of ${seeded.statuses.length} refusing nodes through serve ${(pollMs / 1000).toFixed(1)} s; serve RSS ${serveRssIdleMb.toFixed(0)} → ${serveRssPolledMb.toFixed(0)} MB`);

    // A tick the app took for a lost diff would re-read the snapshot instead of applying it.
    const snapshotCalls = await run<number>(page, 'window.__bench.snapshotCalls');
    const ticks: Timing[] = [];
    const parses: number[] = [];
    let tickMb = 0;
    const messages = tickMessages(seeded.statuses, TICKS);
    await pageProfiled(page, profileDir, 'renderer-ticks', async () => {
      for (const text of messages) {
        tickMb = text.length / (1024 * 1024);
        await page.evaluate((value) => {
          (globalThis as unknown as { __bench: { setTick(text: string): void } }).__bench.setTick(value);
        }, text);
        parses.push(await run<number>(page, 'window.__bench.parseTickMs()'));
        ticks.push(await run<Timing>(page, 'window.__bench.tick()'));
        await sleep(300);
      }
    });
    if ((await run<number>(page, 'window.__bench.snapshotCalls')) !== snapshotCalls) throw new Error('the update ticks made the page re-read the fleet snapshot');
    const warning = await page.getByTestId('summary-warning').innerText();
    if (!/\d/.test(warning) || /^0\b/.test(warning.trim())) throw new Error(`the update ticks did not reach the summary (warning counter "${warning}")`);

    return {
      firstTableMs: median(loads),
      firstTableColdMs: loads[0]!,
      sortMs: median(sorts.map((t) => t.syncMs)),
      sortMaxMs: Math.max(...sorts.map((t) => t.syncMs)),
      sortFrameMs: median(sorts.map((t) => t.frameMs)),
      filterMs: median(filters.map((t) => t.syncMs)),
      filterMaxMs: Math.max(...filters.map((t) => t.syncMs)),
      filterFrameMs: median(filters.map((t) => t.frameMs)),
      updateTickMs: median(ticks.map((t) => t.syncMs)),
      updateTickFrameMs: median(ticks.map((t) => t.frameMs)),
      serveRssIdleMb,
      serveRssPolledMb,
      pollMs,
      tickParseMs: median(parses),
      tickMb,
      loadBreakdown,
    };
  } finally {
    await browser.close();
    await stopServe();
  }
}

/** Debian Chromium with the bench's page script installed, closed by `cleanup` if the bench is stopped. */
export async function launchBenchBrowser(cleanup: Cleanup): Promise<{ browser: { close(): Promise<void> }; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The bench's own signal handler closes the browser with everything else; Playwright's would
    // exit the process before the temp dir and the other children are cleaned up.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = cleanup.add('chromium', () => browser.close());
  // The page's CSP forbids eval, which Playwright's string predicates need; bypassing it changes
  // nothing the app does.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  await context.addInitScript({ content: PAGE_SCRIPT });
  return { browser: { close }, page: await context.newPage() };
}
