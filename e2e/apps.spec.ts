import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startSimulatedFleet, test } from './demo-fixture';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Opens a node from the fleet table. The click goes to that row's link itself, not to a point on
 * screen: polls re-sort the table, and a row moving under the pointer would open another node.
 */
async function openNode(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="fleet-row"][data-node-name="${name}"] [data-testid="fleet-row-name"]`).dispatchEvent('click', { button: 0 });
  await expect(page.getByTestId('node-name-title')).toHaveText(name);
}

test('a node shows its apps with components, an enterprise tag and resource bars', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await openNode(page, 'dc-stratus-arcane');
  const app = page.locator('[data-testid="node-installed-app"][data-app-name="vaultbank"]');
  await expect(app).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('app-enterprise')).toBeVisible();
  await expect(app.getByTestId('app-component')).toHaveCount(2);
  await expect(page.getByTestId('resource-bar-cpu').getByTestId('resource-numbers')).toContainText('/ 15 cores');
  await expect(page.getByTestId('resource-bar-ram').getByTestId('resource-numbers')).toContainText('/ 59000 MB');
  await expect(page.getByTestId('resource-bar-disk').getByTestId('resource-numbers')).toContainText('/ 820 GB');
  // How FluxOS arrives at the capacity: its config constants for the tier, minus the system's share.
  await page.getByTestId('explain-capacity-disk').click();
  const explain = page.getByTestId('explain-body-capacity-disk');
  await expect(explain).toContainText('fluxSpecifics.hdd − lockedSystemResources.hdd');
  await expect(explain).toContainText('fluxSpecifics.hdd.stratus');
  await expect(explain).toContainText('880');
});

test('a tiered app shows the figures for the node’s tier', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await openNode(page, 'vps-nimbus-1');
  const kadena = page.locator('[data-testid="node-installed-app"][data-app-name="kadena"]');
  await expect(kadena).toBeVisible({ timeout: 30_000 });
  await expect(kadena.getByTestId('app-component-figures')).toContainText('3 / 6000 MB / 120 GB');
  await expect(kadena.getByTestId('app-component-tier')).toContainText('Nimbus tier');
});

test('hostile app names, descriptions and owners arrive as capped text, never markup', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await openNode(page, 'upnp-outdated-hostile');
  const app = page.getByTestId('node-installed-app').first();
  await expect(app).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('app-name')).toContainText("<script>alert('xss')</script>");
  expect(await page.locator('[data-testid="node-apps"] script, [data-testid="node-apps"] img, [data-testid="node-apps"] a[href^="javascript"], [data-testid="node-apps"] b').count()).toBe(0);
  const description = (await app.getByTestId('app-description').textContent()) ?? '';
  const owner = (await app.getByTestId('app-owner').textContent()) ?? '';
  const image = (await app.getByTestId('app-component-image').textContent()) ?? '';
  expect(description).toContain('<img src=x onerror=alert(1)>');
  expect(image).toContain('evil/<img src=x onerror=alert(1)>');
  // The node sent 10 KB descriptions, owners and images: each arrives cut to a line.
  expect(description.length).toBeLessThan(300);
  expect(owner.length).toBeLessThan(120);
  expect(image.length).toBeLessThan(300);
  expect(`${description}${owner}${image}`).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);

  // The Apps page lists the same app as text too.
  await page.getByTestId('nav-apps').click();
  await page.getByTestId('apps-filter').locator('input').fill('script');
  const row = page.getByTestId('apps-row');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId('apps-row-name')).toContainText("<script>alert('xss')</script>");
  expect(await page.locator('[data-testid="apps-view"] script, [data-testid="apps-view"] img, [data-testid="apps-view"] b').count()).toBe(0);
  expect((await row.getByTestId('apps-row-name').textContent()) ?? '').not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
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

test('per-wallet utilisation and where a Flux ID’s own apps run', async ({ page, demo }) => {
  test.setTimeout(90_000);
  await page.goto(demo.url);
  await page.getByTestId('nav-apps').click();
  // dc-stratus-arcane pays a second wallet and hosts demo3 and vaultbank.
  const second = page.locator('[data-testid="wallet-row"]').filter({ hasText: 't1SimSecondWalletDemo' });
  await expect(second).toBeVisible({ timeout: 30_000 });
  await expect(second.getByTestId('wallet-nodes')).toHaveText('1 / 1 (100%)');
  await expect(second.getByTestId('wallet-cpu')).toContainText(/^\d+(\.\d+)? \/ \d+/);

  await page.getByTestId('owner-input').locator('input').fill('1DemoOwnerFluxIdXXXXXXXXXXXXXXXXX');
  await page.getByTestId('owner-submit').click();
  const demo3 = page.locator('[data-testid="owned-app"][data-app-name="demo3"]');
  await expect(demo3).toBeVisible({ timeout: 30_000 });
  // One instance on my node, two on nodes outside the fleet (network.apps in the demo fleet).
  await expect(demo3.getByTestId('owned-instance')).toHaveCount(3);
  await expect(demo3.getByTestId('owned-instance').filter({ hasText: 'dc-stratus-arcane' })).toHaveCount(1);
  await expect(demo3.getByTestId('owned-instance').filter({ hasText: 'not mine' })).toHaveCount(2);
  await expect(page.locator('[data-testid="owned-app"][data-app-name="kadena"]')).toBeVisible();
  await expect(page.locator('[data-testid="owned-app"][data-app-name="vaultbank"]')).toHaveCount(0);
  await demo3.getByRole('link', { name: 'dc-stratus-arcane' }).click();
  await expect(page.getByTestId('node-view')).toBeVisible();
});

test('an app appearing and disappearing shows in the node’s event log', async ({ page, demo }) => {
  // flashapp is installed from block 2,100,020 to 2,100,060 (one block a second in the demo).
  test.setTimeout(150_000);
  await page.goto(demo.url);
  await openNode(page, 'home-cumulus-1');
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
