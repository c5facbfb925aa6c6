import { readFile } from 'node:fs/promises';
import { expect, test } from './demo-fixture';

test('the Rewards page shows expected earnings and the payment ledger; CSV export downloads', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await page.goto(demo.url);
  await page.getByTestId('nav-rewards').click();
  await expect(page.getByTestId('rewards-view')).toBeVisible();
  await expect(page.getByTestId('rewards-node-row')).toHaveCount(12, { timeout: 30_000 });
  await expect(page.getByTestId('rewards-fleet-month')).toHaveText(/\d/);

  // Every figure explains itself: formula, inputs and where they come from.
  await page.getByTestId('explain-fleet-month').first().click();
  await expect(page.getByTestId('explain-body-fleet-month').first()).toContainText(/×|\*/);
  // The popover's table headers stay on one line (they used to wrap as "Valu/e").
  for (const name of ['Input', 'Value', 'Source']) {
    const box = await page.getByTestId('explain-body-fleet-month').first().locator('th', { hasText: name }).boundingBox();
    expect(box!.height).toBeLessThan(28);
  }
  await page.getByTestId('explain-fleet-month').first().click();
  await expect(page.getByTestId('explain-body-fleet-month')).toHaveCount(0);

  // One tab at a time, not one long scroll; the summary stays in view while a tab scrolls.
  await page.getByTestId('rewards-tab-nodes').click();
  await expect(page.getByTestId('rewards-node-row').first()).toBeVisible();
  await page.getByTestId('rewards-node-row').last().scrollIntoViewIfNeeded();
  await expect(page.getByTestId('rewards-summary')).toBeInViewport();
  await expect(page.getByTestId('rewards-fleet-month')).toBeInViewport();
  await page.getByTestId('rewards-tab-ledger').click();

  // The simulated chain pays one node per tier per block; polls see last_paid_height move.
  await expect(page.getByTestId('ledger-row').first()).toBeVisible({ timeout: 90_000 });
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path()), 'utf8');
  expect(csv.split('\n')[0]).toMatch(/height/i);
  expect(csv.trim().split('\n').length).toBeGreaterThan(1);
});
