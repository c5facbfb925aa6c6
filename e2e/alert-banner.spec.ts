import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, runCli, startServe, test } from './serve-fixture';

/**
 * Serve mode's alert banner, fired the real way: nodes added at ports nothing listens on never
 * answer, `serve` polls every 5 s (backing off), the "never answered" rule fires after three polls and
 * the engine's 30 s group wait sends them. The banner takes its own space above the page, shows
 * one alert at a time with the rest counted, links to the node and goes away by itself.
 */

/** A loopback port that was free a moment ago: nothing answers there. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

type Box = Awaited<ReturnType<typeof box>>;
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const NAMES = ['fra-dark-1', 'fra-dark-2', 'fra-dark-3'];

test('alerts from nodes that never answered: one banner above the page, the rest counted, a link to the node, gone by itself', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-banner-'));
  for (const name of NAMES) {
    const added = await runCli(['nodes', 'add', '--name', name, '--host', '127.0.0.1', '--api-port', String(await freePort()), '--data-dir', dataDir]);
    expect(added.code).toBe(0);
  }
  const serve = await startServe(dataDir, ['--poll-interval', '5']);
  try {
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(serve.url);
    await expect(page.getByTestId('fleet-row')).toHaveCount(3);
    const pageTopBefore = (await box(page.getByTestId('page'))).y;

    const banner = page.getByTestId('alert-banner');
    await expect(banner).toBeVisible({ timeout: 120_000 });
    await expect(banner).toContainText(/fra-dark-\d has never answered/);
    // All three fired together: one banner, the others one click away, not a pile over the page.
    await expect(banner.getByTestId('alert-banner-more')).toHaveText('2 more in Alerts');
    await expect(banner).toHaveCount(1);

    // The banner takes layout space: the page moves down below it, nothing lies under it.
    const bannerBox = await box(banner);
    const pageBox = await box(page.getByTestId('page'));
    expect(pageBox.y).toBeGreaterThan(pageTopBefore);
    expect(pageBox.y).toBeGreaterThanOrEqual(bannerBox.y + bannerBox.height - 0.5);
    for (const content of [page.getByTestId('page'), page.getByTestId('sidebar'), page.getByRole('heading', { name: 'Fleet', exact: true }), page.getByTestId('fleet-table')]) {
      expect(intersects(bannerBox, await box(content))).toBe(false);
    }

    // The banner names the node and opens it.
    const bannerText = await banner.innerText();
    const shown = NAMES.find((name) => bannerText.includes(name))!;
    await banner.getByTestId('alert-banner-node').click();
    await expect(page.getByTestId('node-name-title')).toHaveText(shown);

    // The next alert takes its place and every banner goes away by itself, untouched.
    await expect(banner.getByTestId('alert-banner-more')).toHaveText('1 more in Alerts');
    await expect(banner).toHaveCount(0, { timeout: 40_000 });
    await expect(page.getByTestId('node-name-title')).toHaveText(shown);
  } finally {
    serve.child.kill('SIGTERM');
    await new Promise((resolve) => serve.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
