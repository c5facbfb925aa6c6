import path from 'node:path';
import { expect, startSimulatedFleet, test } from './demo-fixture';

const ROOT = path.resolve(import.meta.dirname, '..');

const nodeLink = (name: string) => `[data-testid="fleet-row"][data-node-name="${name}"] [data-testid="fleet-row-name"]`;

test('a node shows its apps with components, an enterprise tag and resource bars', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await page.locator(nodeLink('dc-stratus-arcane')).click();
  const app = page.locator('[data-testid="node-installed-app"][data-app-name="vaultbank"]');
  await expect(app).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('app-enterprise')).toBeVisible();
  await expect(app.getByTestId('app-component')).toHaveCount(2);
  await expect(page.getByTestId('resource-bar-cpu').getByTestId('resource-numbers')).toContainText('/ 15 cores');
  await expect(page.getByTestId('resource-bar-ram').getByTestId('resource-numbers')).toContainText('/ 59000 MB');
});

test('hostile app names, descriptions and owners arrive as capped text, never markup', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await page.locator(nodeLink('upnp-outdated-hostile')).click();
  const app = page.getByTestId('node-installed-app').first();
  await expect(app).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('app-name')).toContainText("<script>alert('xss')</script>");
  expect(await page.locator('[data-testid="node-apps"] script, [data-testid="node-apps"] img, [data-testid="node-apps"] a[href^="javascript"], [data-testid="node-apps"] b').count()).toBe(0);
  const description = (await app.getByTestId('app-description').textContent()) ?? '';
  const owner = (await app.getByTestId('app-owner').textContent()) ?? '';
  expect(description).toContain('<img src=x onerror=alert(1)>');
  expect(description.length).toBeLessThan(300);
  expect(owner.length).toBeLessThan(120);
  expect(`${description}${owner}`).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
});

test('the Apps page lists every app across the demo fleet and clicks through to a node', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await page.getByTestId('nav-apps').click();
  await expect(page.locator('[data-testid="apps-row"][data-app-name="vaultbank"]')).toBeVisible({ timeout: 30_000 });
  for (const name of ['demo3', 'kadena', 'demo2']) await expect(page.locator(`[data-testid="apps-row"][data-app-name="${name}"]`)).toBeVisible();
  await page.getByTestId('apps-filter').locator('input').fill('kadena');
  await expect(page.getByTestId('apps-row')).toHaveCount(1);
  await page.locator('[data-testid="apps-row"][data-app-name="kadena"]').getByTestId('apps-row-node').first().click();
  await expect(page.getByTestId('node-view')).toBeVisible();
});

test('an app appearing and disappearing shows in the node’s event log', async ({ page, demo }) => {
  // flashapp is installed from block 2,100,020 to 2,100,060 (one block a second in the demo).
  test.setTimeout(150_000);
  await page.goto(demo.url);
  await page.locator(nodeLink('home-cumulus-1')).click();
  await expect(page.getByTestId('node-event').filter({ hasText: 'App installed: flashapp' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('node-event').filter({ hasText: 'App removed: flashapp' })).toBeVisible({ timeout: 120_000 });
});

test('a fleet whose nodes share one provider gets a placement warning', async ({ page }) => {
  test.setTimeout(120_000);
  const fleet = await startSimulatedFleet(path.join(ROOT, 'resources/sim/shared-provider-fleet.json'), { blockMs: 0, publicApi: false });
  try {
    await page.goto(fleet.url);
    await page.getByTestId('nav-apps').click();
    const warning = page.locator('[data-testid="placement-warning"][data-kind="provider"]');
    await expect(async () => {
      await page.getByTestId('apps-refresh').click();
      await expect(warning).toContainText('Hetzner Online GmbH', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(warning).toContainText('4 of 5 nodes (80%)');
  } finally {
    await fleet.stop();
  }
});
