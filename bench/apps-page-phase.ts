import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { InventoryImporter } from '../src-main/core/nodes/inventory-import';
import { createServices } from '../src-main/core/services';
import { withDeadline, type Cleanup } from './cleanup';
import { pageProfiled } from './profile';
import { launchBenchBrowser } from './renderer-phase';
import { startServeChild } from './serve-child';
import { startSimChild, writeScaledFleet } from './sim-child';

/** What `window.__bench.untilSettled` measures: until the selector shows, and the long tasks since the action. */
export interface Settled {
  shownMs: number;
  longTasks: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
}

export interface AppsPageFigures {
  nodes: number;
  apps: number;
  /** Navigating to the Apps page until its inventory has shown and the page went a second without a long task. */
  open: Settled;
  /** "Refresh" on the Apps page (inventory and placement fetched and rendered again). */
  refresh: Settled;
  /** The 5,000-node poll through serve that filled the inventory. */
  pollMs: number;
}

const settle = (page: Page, action: string, selector: string) =>
  page.evaluate<Settled>(`window.__bench.untilSettled(() => ${action}, ${JSON.stringify(selector)})`);

/**
 * The Apps page over a fleet of `nodes` simulated API-only nodes (each hosting its own app, so as
 * many apps as nodes), polled once through `fluxdeck serve` so the inventory comes the real way:
 * probe → apps capability → `apps:list`. Chromium's Long Tasks API tells whether opening the page
 * blocks the main thread.
 */
export async function runAppsPagePhase(options: { dir: string; nodes: number; cleanup: Cleanup; log: (line: string) => void; profileDir?: string }): Promise<AppsPageFigures> {
  const { dir, nodes, cleanup, log, profileDir } = options;
  await mkdir(dir, { recursive: true });
  const fleetFile = path.join(dir, 'apps-fleet.json');
  await writeScaledFleet(nodes, fleetFile, { apiOnly: true });
  const sim = await startSimChild({ fleetFile, inventoryFile: path.join(dir, 'apps-inventory.json'), keysDir: path.join(dir, 'apps-keys'), timeoutMs: 60_000 + nodes * 50 });
  const stopSim = cleanup.add('apps-page simulator', () => sim.stop());
  try {
    const dataDir = path.join(dir, 'apps-data');
    const services = createServices({ dataDir, mode: 'serve' });
    try {
      services.importer.import(InventoryImporter.parse(JSON.parse(sim.inventoryText)), { setPublicApi: true });
    } finally {
      await services.close();
    }
    const serve = await startServeChild(dataDir);
    const stopServe = cleanup.add('apps-page serve', () => serve.stop());
    const { browser, page } = await launchBenchBrowser(cleanup);
    try {
      await page.goto(serve.url);
      await page.getByTestId('poll-now').waitFor({ timeout: 60_000 });
      await page.evaluate('window.__bench.watchPoll()');
      const t0 = performance.now();
      await page.getByTestId('poll-now').click();
      await withDeadline(page.waitForFunction('window.__bench.pollDone', undefined, { timeout: 0, polling: 500 }), Math.max(300_000, nodes * 120), `the ${nodes}-node poll`);
      const pollMs = performance.now() - t0;
      log(`apps page: ${nodes} API-only nodes polled through serve in ${(pollMs / 1000).toFixed(1)} s`);

      const open = await pageProfiled(page, profileDir, 'apps-page-open', () => settle(page, `document.querySelector('[data-testid="nav-apps"]').click()`, '[data-testid="apps-row"]'));
      const apps = await page.evaluate<number>(`Number(document.querySelector('[data-testid="apps-count"]')?.getAttribute('data-count') ?? -1)`);
      if (apps < nodes) throw new Error(`the Apps page counts ${apps} apps, expected at least ${nodes} (one per node)`);
      const loadedAt = await page.getByTestId('apps-updated').getAttribute('data-loaded-at');
      const refresh = await settle(page, `document.querySelector('[data-testid="apps-refresh"]').click()`, `[data-testid="apps-updated"]:not([data-loaded-at="${loadedAt ?? ''}"])`);
      log(`apps page over ${nodes} nodes / ${apps} apps: open ${JSON.stringify(open)}; refresh ${JSON.stringify(refresh)}`);
      return { nodes, apps, open, refresh, pollMs };
    } finally {
      await browser.close();
      await stopServe();
    }
  } finally {
    await stopSim();
  }
}
