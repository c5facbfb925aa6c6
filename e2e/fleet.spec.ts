import { expect, test } from './demo-fixture';

test('the demo fleet shows each node’s health; filter to critical, open a node, see its problems, chart and events', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await page.goto(demo.url);
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  // The first poll runs as serve starts; every node gets a verdict.
  await expect(page.getByTestId('summary-unknown')).toContainText('0', { timeout: 30_000 });
  // The simulated chain moves (confirmations, payments), so assert the stable verdicts only.
  await expect(page.locator('[data-testid="fleet-row"][data-node-name="vps-nimbus-1"] [data-testid="health-badge"]')).toHaveAttribute('data-health', 'ok');

  await page.getByTestId('filter-health-critical').click();
  const critical = page.getByTestId('fleet-row');
  await expect(critical.locator('[data-testid="health-badge"][data-health="critical"]').first()).toBeVisible();
  expect(await critical.count()).toBe(await critical.locator('[data-testid="health-badge"][data-health="critical"]').count());
  for (const name of ['old-cumulus-expired', 'nimbus-dos', 'cumulus-bench-failed']) {
    await expect(page.locator(`[data-testid="fleet-row"][data-node-name="${name}"]`)).toBeVisible();
  }
  await expect(page.locator('[data-testid="fleet-row"][data-node-name="vps-nimbus-1"]')).toHaveCount(0);

  // The hostile app name is shown as text on its node, never as markup.
  await page.getByTestId('filter-health-critical').click();
  await page.locator('[data-testid="fleet-row"][data-node-name="upnp-outdated-hostile"]').getByTestId('fleet-row-name').click();
  await expect(page.getByTestId('node-view')).toBeVisible();
  await expect(page.getByTestId('problem-FLUXOS_OUTDATED')).toBeVisible();
  await expect(page.getByTestId('node-apps')).toContainText('<script>');
  expect(await page.locator('[data-testid="node-apps"] script').count()).toBe(0);

  await page.getByTestId('back-to-fleet').click();
  await page.locator('[data-testid="fleet-row"][data-node-name="home-cumulus-1"]').getByTestId('fleet-row-name').click();
  await expect(page.getByTestId('node-health')).toContainText(/ok/i);
  await expect(page.getByTestId('node-chart').first()).toBeVisible({ timeout: 30_000 });
  // Payments arrive as the simulated chain pays the node; the node's route cache is 30 s.
  await expect(page.getByTestId('node-event').first()).toBeVisible({ timeout: 80_000 });
});
