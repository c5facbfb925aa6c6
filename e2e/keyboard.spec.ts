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
