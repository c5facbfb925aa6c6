import type { Locator, Page } from '@playwright/test';
import { runCli } from './serve-fixture';
import { expect, test } from './demo-fixture';

/** The fleet table at the widths operators use (issue 13 rough edges 2 and 3, issue 12 owners and bulk edit). */

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

async function openFleet(page: Page, url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(url);
  await page.evaluate(() => localStorage.removeItem('fluxdeck.fleet.columns'));
  await page.reload();
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  await expect(page.getByTestId('summary-unknown')).toContainText('0', { timeout: 30_000 });
}

/** Every action button of every row lies wholly inside the table's visible area. */
async function expectActionsInside(page: Page): Promise<void> {
  const table = await box(page.getByTestId('fleet-table'));
  for (const button of await page.locator('[data-testid="fleet-row-actions"] button').all()) {
    const b = await box(button);
    expect(b.x).toBeGreaterThanOrEqual(table.x);
    expect(b.x + b.width).toBeLessThanOrEqual(table.x + table.width + 0.5);
  }
}

for (const width of [1024, 1440]) {
  test(`at ${width} px the row actions stay whole and in view, and every column is shown or reachable through the picker`, async ({ page, demo }) => {
    await openFleet(page, demo.url, width);
    await expectActionsInside(page);
    // Scrolled to the far right, the actions are still where they were (sticky), and so is the name.
    const scroller = page.getByTestId('fleet-table');
    const nameBefore = await box(page.getByTestId('fleet-row-name').first());
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expectActionsInside(page);
    expect((await box(page.getByTestId('fleet-row-name').first())).x).toBeCloseTo(nameBefore.x, 0);

    // Every column: either laid out in the header, or a switch in the picker away.
    await page.getByTestId('column-picker').click();
    const menu = page.getByTestId('column-picker-menu');
    await expect(menu).toBeVisible();
    const toggles = menu.locator('[data-testid^="column-toggle-"]');
    expect(await toggles.count()).toBe(16);
    await menu.getByTestId('column-toggle-wallet').click();
    await menu.getByTestId('column-toggle-maintenance').click();
    await page.getByTestId('column-picker').click();
    await expect(page.getByTestId('column-wallet')).toBeVisible();
    await expect(page.getByTestId('column-maintenance')).toBeVisible();
    await expectActionsInside(page);
    // The choice is remembered across a reload.
    await page.reload();
    await expect(page.getByTestId('column-wallet')).toBeVisible();

    if (width === 1440) {
      // Default columns fit at 1440 px: nothing to scroll, and names are not cut while space is free.
      await page.getByTestId('column-picker').click();
      await page.getByTestId('column-reset').click();
      await expect(page.getByTestId('column-wallet')).toHaveCount(0);
      expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      for (const name of await page.getByTestId('fleet-row-name').all()) {
        expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
    }
  });
}

test('a column is resized by dragging its header edge, and keeps its width after a reload', async ({ page, demo }) => {
  await openFleet(page, demo.url, 1440);
  const header = page.getByTestId('column-why');
  const before = (await box(header)).width;
  const grip = await box(page.getByTestId('resize-why'));
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 80, grip.y + grip.height / 2, { steps: 4 });
  await page.mouse.up();
  expect((await box(header)).width).toBeGreaterThan(before + 60);
  await page.reload();
  expect((await box(page.getByTestId('column-why'))).width).toBeGreaterThan(before + 60);
});

test('the why column gives each troubled row its top problem in words, with the code on hover; uptime bars come from history', async ({ page, demo }) => {
  await openFleet(page, demo.url, 1440);
  const why = page.locator('[data-testid="fleet-row"][data-node-name="nimbus-dos"] [data-testid="fleet-row-why"]');
  await expect(why).toHaveAttribute('data-code', 'NODE_DOS');
  await expect(why).not.toHaveText(/NODE_DOS/);
  await expect(why).toHaveAttribute('title', /^NODE_DOS: /);
  await expect(page.locator('[data-testid="fleet-row"][data-node-name="vps-nimbus-1"] [data-testid="fleet-row-why"]')).toHaveText('');
  // The demo polls every 5 s: the current hour has samples, so every row shows a figure.
  await expect(page.locator('[data-testid="fleet-row"][data-node-name="vps-nimbus-1"] [data-testid="uptime-pct"]')).toHaveText('100 %', { timeout: 30_000 });
  expect(await page.locator('[data-testid="fleet-row"][data-node-name="vps-nimbus-1"] [data-testid="uptime"] .bar').count()).toBe(24);
});

test('a silenced node is marked in the table', async ({ page, demo }) => {
  await openFleet(page, demo.url, 1440);
  const row = page.locator('[data-testid="fleet-row"][data-node-name="home-cumulus-1"]');
  await expect(row.getByTestId('silenced-marker')).toHaveCount(0);
  await row.getByTestId('fleet-row-name').click();
  await page.getByTestId('node-silence').click();
  await page.getByText('1 hour', { exact: false }).first().click();
  await page.getByTestId('back-to-fleet').click();
  await expect(row.getByTestId('silenced-marker')).toBeVisible();
  await expect(page.locator('[data-testid="silenced-marker"]')).toHaveCount(1);
});

test('bulk edit sets the owner and tags of a selection, groups by owner, and Undo puts the old values back', async ({ page, demo }) => {
  const OWNER = 'Bulk Owner Ltd';
  await openFleet(page, demo.url, 1440);
  for (const name of ['vps-nimbus-1', 'home-cumulus-1']) {
    await page.locator(`[data-testid="fleet-row"][data-node-name="${name}"] [data-testid="fleet-row-check"]`).click();
  }
  await page.getByTestId('selection-edit').click();
  const dialog = page.getByTestId('bulk-edit-dialog');
  await dialog.getByTestId('bulk-add-tags').locator('input').fill('eu, gpu');
  await dialog.getByTestId('bulk-owner-mode').getByText('Set').click();
  await dialog.getByTestId('bulk-owner').locator('input').fill(OWNER);
  await dialog.getByTestId('bulk-save').click();
  await expect(dialog).toHaveCount(0);
  const owner = (name: string) => page.locator(`[data-testid="fleet-row"][data-node-name="${name}"] [data-testid="fleet-row-owner"]`);
  await expect(owner('vps-nimbus-1')).toHaveText(OWNER);
  await expect(owner('home-cumulus-1')).toHaveText(OWNER);
  await expect(owner('nimbus-dos')).toHaveText('—');

  // Group by owner: the two nodes under their owner's header, the nodes without one under "No owner"
  // (other specs sharing the demo fleet may have given some nodes owners of their own).
  await page.getByTestId('group-by').click();
  await page.getByText('Group by owner', { exact: true }).click();
  const groups = page.getByTestId('fleet-group');
  await expect(groups.getByTestId('fleet-group-label').filter({ hasText: 'No owner' })).toHaveCount(1);
  const labels = await groups.getByTestId('fleet-group-label').allInnerTexts();
  const at = labels.indexOf(OWNER);
  expect(at, labels.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(at).toBeLessThan(labels.length - 1);
  await expect(groups.nth(at)).toContainText('2 nodes');
  const mine = await box(groups.nth(at));
  const others = await box(groups.nth(at + 1));
  for (const name of ['vps-nimbus-1', 'home-cumulus-1']) {
    const y = (await box(page.locator(`[data-testid="fleet-row"][data-node-name="${name}"]`))).y;
    expect(y).toBeGreaterThan(mine.y);
    expect(y).toBeLessThan(others.y);
  }
  // Filter by owner narrows to the two.
  await page.getByTestId('filter-owner').click();
  await page.locator('.n-base-select-option', { hasText: OWNER }).click();
  await expect(page.getByTestId('fleet-row')).toHaveCount(2);

  const listed = JSON.parse((await runCli(['nodes', 'list', '--json', '--data-dir', demo.dataDir])).stdout) as { nodes: { name: string; owner: string | null; tags: string[] }[] };
  expect(listed.nodes.find((n) => n.name === 'vps-nimbus-1')).toMatchObject({ owner: OWNER, tags: expect.arrayContaining(['eu', 'gpu']) });

  await page.getByTestId('bulk-undo').click();
  await expect(page.getByTestId('bulk-undo')).toHaveCount(0);
  await page.getByTestId('filter-owner').locator('.n-base-clear').click();
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  await expect(owner('vps-nimbus-1')).toHaveText('—');
  const restored = JSON.parse((await runCli(['nodes', 'list', '--json', '--data-dir', demo.dataDir])).stdout) as { nodes: { name: string; owner: string | null; tags: string[] }[] };
  const vps = restored.nodes.find((n) => n.name === 'vps-nimbus-1')!;
  expect(vps.owner ?? null).toBeNull();
  expect(vps.tags).not.toContain('gpu');
});

test('node cards at 1440 px show whole values (no ellipsis), and a daemon unit the node does not use is not a warning', async ({ page, demo }) => {
  await openFleet(page, demo.url, 1440);
  await page.locator('[data-testid="fleet-row"][data-node-name="home-cumulus-1"]').getByTestId('fleet-row-name').click();
  const cards = page.getByTestId('node-cards');
  await expect(cards.locator('dd').first()).toBeVisible();
  for (const value of await cards.locator('dd').all()) {
    expect(await value.evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis')).toBe(true);
  }
  await expect(page.getByTestId('service-zelcash')).toHaveText('active');
  await expect(page.getByTestId('service-fluxd')).toHaveAttribute('data-tone', 'muted');
  await expect(page.getByTestId('service-fluxd')).toContainText('not used');
});
