import { expect, test } from './demo-fixture';

/** Privacy mode leaves no IP, Flux address or txid on any page: screenshots can be shared. */

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const TXID = /\b[0-9a-f]{64}\b/i;
const ADDRESS = /\bt[13][1-9A-HJ-NP-Za-km-z]{33}\b/;

test('with privacy on, the fleet, a node, Collateral, Apps and Activity show no IP, address or txid', async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);
  await page.getByTestId('privacy-toggle').click();
  const leaks = async (): Promise<string[]> => {
    const text = await page.locator('main, body').first().innerText();
    return [IPV4, TXID, ADDRESS].map((pattern) => pattern.exec(text)?.[0]).filter((hit): hit is string => hit !== undefined);
  };
  expect(await leaks()).toEqual([]);

  await page.locator('[data-testid="fleet-row"][data-node-name="upnp-outdated-hostile"]').getByTestId('fleet-row-name').click();
  await expect(page.getByTestId('node-events')).toBeVisible();
  expect(await leaks()).toEqual([]);

  for (const [nav, loaded] of [
    ['nav-collateral', 'collateral-total'],
    ['nav-apps', 'apps-refresh'],
    ['nav-activity', 'activity-view'],
  ] as const) {
    await page.getByTestId(nav).click();
    await expect(page.getByTestId(loaded)).toBeVisible();
    expect(await leaks(), nav).toEqual([]);
  }
});
