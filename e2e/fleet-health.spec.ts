import { expect, test } from './demo-fixture';

/** The fleet's aggregate charts: present on an empty fleet saying so, drawn once polls are recorded. */

test('an empty fleet shows the aggregate charts with "No data yet", and Import beside Add', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('fleet-empty')).toBeVisible();
  await expect(page.getByTestId('fleet-empty')).not.toContainText('fluxdeck nodes import');
  await expect(page.getByTestId('empty-import')).toBeVisible();
  const charts = page.getByTestId('fleet-health').getByTestId('fleet-chart');
  await expect(charts).toHaveCount(2);
  await expect(charts.nth(0).getByTestId('chart-no-data')).toHaveText('No data yet');
  await expect(charts.nth(1).getByTestId('chart-no-data')).toHaveText('No data yet');
});

test('the demo fleet gets a healthy-share and a by-health chart from its history', async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  const charts = page.getByTestId('fleet-health').getByTestId('fleet-chart');
  await expect(charts).toHaveCount(2);
  // Polls are recorded within seconds; the next load (range switch) draws them.
  await expect(async () => {
    await page.getByTestId('fleet-range-7d').click();
    await page.getByTestId('fleet-range-24h').click();
    await expect(charts.nth(1).getByTestId('chart-no-data')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(charts.nth(1).locator('canvas')).toBeVisible();
  await expect(charts.nth(1)).toContainText('Nodes by health');
});
