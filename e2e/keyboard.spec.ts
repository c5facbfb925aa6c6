import type { Page } from '@playwright/test';
import { expect, test } from './demo-fixture';

/** Presses Tab until the element with `testid` has focus: a keyboard user's way there, never a click. */
async function tabTo(page: Page, testid: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    const here = await page.evaluate((id) => document.activeElement?.closest(`[data-testid="${id}"]`) !== null, testid);
    if (here) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testid}`);
}

test('a mouse-free walk: filter the fleet and clear it with Esc, open a node, run maintenance, read its events', async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);

  await page.keyboard.press('/');
  await expect(page.getByTestId('fleet-filter').locator('input')).toBeFocused();
  await page.keyboard.type('lowdisk');
  await expect(page.getByTestId('fleet-row')).toHaveCount(1);
  // Esc inside the field leaves the filter alone; outside any field it clears the page's filters.
  await tabTo(page, 'fleet-table');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  await expect(page.getByTestId('fleet-filter').locator('input')).toHaveValue('');

  // The column headers sort from the keyboard too.
  const nameHeader = page.getByTestId('column-name');
  const sortBefore = await nameHeader.getAttribute('aria-sort');
  await tabTo(page, 'sort-name');
  await page.keyboard.press('Enter');
  await expect(nameHeader).not.toHaveAttribute('aria-sort', sortBefore ?? 'none');

  await page.keyboard.press('/');
  await page.keyboard.type('stratus-lowdisk-mongod-down');
  await tabTo(page, 'fleet-table');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-name-title')).toHaveText('stratus-lowdisk-mongod-down');

  await tabTo(page, 'node-maintenance');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('action-dialog');
  await tabTo(page, 'action-restart-mongod');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('action-preview-commands')).toHaveText('sudo systemctl restart mongod\nsystemctl is-active mongod');
  await tabTo(page, 'action-confirm');
  await page.keyboard.press('Space');
  await expect(dialog.getByTestId('action-run-state')).toHaveText('Restart mongod: ok');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Events in people's words: the pin from the import is "Host key trusted", no kind shown as a code.
  const events = page.getByTestId('node-event');
  await expect(events.filter({ hasText: 'Host key trusted' }).first()).toBeVisible();
  const texts = await events.allInnerTexts();
  for (const text of texts) expect(text).not.toMatch(/hostkey-|problem-cleared|Cleared: [A-Z_]+|fluxnode-status/);

  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toContainText('clear the page’s filters');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('the palette finds a node by its owner', async ({ page, serve }) => {
  expect((await serve.cli('nodes', 'add', '--name', 'edge-1', '--host', '198.51.100.20')).code).toBe(0);
  expect((await serve.cli('nodes', 'add', '--name', 'edge-2', '--host', '198.51.100.21')).code).toBe(0);
  expect((await serve.cli('nodes', 'edit', 'edge-2', '--set', 'owner=Zephyr Hosting')).code).toBe(0);
  await page.goto(serve.url);
  await expect(page.getByTestId('fleet-row')).toHaveCount(2);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('zephyr');
  const first = page.getByTestId('palette-item').first();
  await expect(first).toContainText('edge-2');
  await expect(first).toContainText('Zephyr Hosting');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-name-title')).toHaveText('edge-2');
});

test('Esc outside a field clears the Rewards ledger and earnings filters, and the Apps filter', async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByTestId('nav-rewards').click();
  await page.getByTestId('rewards-tab-ledger').click();
  const nodeFilter = page.getByTestId('ledger-filter-node');
  await nodeFilter.click();
  await page.keyboard.type('vps-nimbus-1');
  await page.locator('.n-base-select-option', { hasText: 'vps-nimbus-1' }).click();
  await expect(nodeFilter).toContainText('vps-nimbus-1');
  await page.getByTestId('ledger-from').fill('2026-01-01');
  // Esc in the date field is the field's own; on the page it clears every ledger filter.
  await page.getByRole('heading', { name: 'Rewards', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(nodeFilter).toContainText('All nodes');
  await expect(nodeFilter).not.toContainText('vps-nimbus-1');
  await expect(page.getByTestId('ledger-from')).toHaveValue('');

  await page.getByTestId('rewards-tab-nodes').click();
  await expect(page.getByTestId('rewards-node-row')).toHaveCount(12, { timeout: 30_000 });
  await page.getByTestId('earnings-search').locator('input').fill('vps-nimbus-1');
  await expect(page.getByTestId('rewards-node-row')).toHaveCount(1);
  await page.getByRole('heading', { name: 'Rewards', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rewards-node-row')).toHaveCount(12);
  await expect(page.getByTestId('earnings-search').locator('input')).toHaveValue('');

  await page.getByTestId('nav-apps').click();
  const count = page.getByTestId('apps-table').locator('tbody tr');
  await expect(count.first()).toBeVisible({ timeout: 30_000 });
  const all = await count.count();
  await page.getByTestId('apps-filter').locator('input').fill('no app is called this');
  await expect(page.getByTestId('apps-empty')).toBeVisible();
  await page.getByRole('heading', { name: 'Apps', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(count).toHaveCount(all);
  await expect(page.getByTestId('apps-filter').locator('input')).toHaveValue('');
});
