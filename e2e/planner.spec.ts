import type { Page } from '@playwright/test';
import { expect, test } from './demo-fixture';
import { test as serveTest } from './serve-fixture';

async function setNumber(page: Page, testid: string, value: string): Promise<void> {
  const input = page.getByTestId(testid).locator('input');
  await input.fill(value);
  await input.blur();
}

const firstOption = (page: Page) => page.getByTestId('planner-option-row').first();

test('the Planner ranks options after costs; price and hosting reorder them; every figure explains itself', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await page.goto(demo.url);
  await page.getByTestId('nav-planner').click();
  await expect(page.getByTestId('planner-view')).toBeVisible();
  await expect(page.getByTestId('planner-option-row').first()).toBeVisible({ timeout: 30_000 });

  // "Use my fleet": the demo's 12 nodes fill the amount with their collateral.
  await page.getByTestId('planner-use-fleet').click();
  await expect(page.getByTestId('planner-amount').locator('input')).not.toHaveValue('40000');

  // A Stratus-sized plan with fixed queue lengths: one node against Titan, six months (no cut inside).
  await setNumber(page, 'planner-amount', '40000');
  await setNumber(page, 'planner-months', '6');
  await setNumber(page, 'planner-count-CUMULUS', '5000');
  await setNumber(page, 'planner-count-NIMBUS', '1500');
  await setNumber(page, 'planner-count-STRATUS', '2000');
  await page.getByTestId('planner-tier-CUMULUS').click();
  await page.getByTestId('planner-tier-NIMBUS').click();
  await setNumber(page, 'planner-hosting-STRATUS', '100');
  await setNumber(page, 'planner-price', '0.5');
  // 384.9 FLUX × $0.5 − $100 hosting loses to Titan's 360 FLUX × $0.5.
  await expect(firstOption(page)).toHaveAttribute('data-option-id', 'titan-12');
  await expect(page.getByTestId('planner-option-row')).toHaveCount(6);

  // At $5 the own node's FLUX outweighs its hosting: it moves to the top.
  await setNumber(page, 'planner-price', '5');
  await expect(firstOption(page)).toHaveAttribute('data-option-id', 'stratus-arcane');
  // Dearer hosting sends it back below Titan.
  await setNumber(page, 'planner-hosting-STRATUS', '400');
  await expect(firstOption(page)).toHaveAttribute('data-option-id', 'titan-12');

  // Explanations: the formula and its inputs.
  await page.getByTestId('explain-option-stratus-legacy-net').click();
  const body = page.getByTestId('explain-body-option-stratus-legacy-net');
  await expect(body).toContainText('Σ months (FLUX × that month\'s price − costs) − upfront');
  await expect(body).toContainText('hosting per node per month (USD)');
  await page.keyboard.press('Escape');
  await page.getByTestId('explain-option-stratus-legacy-flux').click();
  await expect(page.getByTestId('explain-body-option-stratus-legacy-flux')).toContainText('per-node FLUX × 99% uptime');

  // A two-year horizon crosses the first yearly cut: it is marked on the chart.
  await setNumber(page, 'planner-months', '24');
  await expect(page.getByTestId('planner-cut').first()).toContainText('block 3071200');
  await expect(page.getByTestId('planner-chart-cumulative').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('planner-chart-price').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('planner-chart-count').locator('canvas')).toBeVisible();

  // Inputs are remembered.
  await page.reload();
  await expect(page.getByTestId('planner-months').locator('input')).toHaveValue('24');
  await expect(page.getByTestId('planner-hosting-STRATUS').locator('input')).toHaveValue('400');
});

serveTest('with no nodes and no network the Planner still plans, on dated defaults clearly marked', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByTestId('nav-planner').click();
  await expect(page.getByTestId('planner-option-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('planner-use-fleet')).toBeDisabled();
  await expect(page.getByTestId('default-price')).toBeVisible();
  await expect(page.getByTestId('default-count-STRATUS')).toHaveAttribute('title', /illustrative enabled-node counts/);
  await expect(page.getByTestId('default-hosting-STRATUS')).toBeVisible();
  await expect(page.getByTestId('planner-defaults-note')).toContainText('dated illustrations');
  await expect(page.getByTestId('planner-best')).toHaveText(/\$/);
});
