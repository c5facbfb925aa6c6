import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { expect, test } from './demo-fixture';
import { runCli } from './serve-fixture';

/** A stand-in for CoinGecko's simple-price API, started by the test. */
async function priceServer(usd: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ zelcash: { usd } })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/simple/price?ids=zelcash&vs_currencies=usd`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('costs and drop losses: a price URL, provider and owner sums explained, an owner statement downloaded', async ({ page, demo }) => {
  test.setTimeout(150_000);
  for (const name of ['home-cumulus-1', 'old-cumulus-expired']) {
    const edit = await runCli(['nodes', 'edit', name, '--set', 'owner=Acme & Co', '--set', 'provider=Hetzner', '--set', 'cost=12.5', '--data-dir', demo.dataDir]);
    expect(edit.code, edit.stderr).toBe(0);
  }
  const price = await priceServer(0.4312);
  try {
    await page.goto(demo.url);
    await page.getByTestId('nav-settings').click();
    const source = page.getByTestId('price-source');
    await source.getByText('A price URL, fetched daily').click();
    await page.getByTestId('price-url').locator('input').fill(price.url);
    await page.getByTestId('price-source-save').click();
    await expect(page.getByTestId('price-latest')).toContainText('$0.4312');
    await expect(page.getByTestId('price-latest')).toContainText('price URL 127.0.0.1');
  } finally {
    await price.close();
  }

  await page.getByTestId('settings-costs-link').click();
  await expect(page.getByTestId('costs-view')).toBeVisible();
  await expect(page.getByTestId('figure-costs-price')).toHaveText('$0.4312');
  const hetzner = page.locator('[data-testid="costs-providers-row"][data-row="Hetzner"]');
  await expect(hetzner).toBeVisible();
  // Both nodes were registered minutes ago: the cost is $12.50 a month for the days covered.
  await hetzner.getByTestId('explain-costs-providers-Hetzner-cost').click();
  await expect(page.getByTestId('explain-body-costs-providers-Hetzner-cost')).toContainText('Hetzner cost: home-cumulus-1 $');
  await page.getByTestId('explain-costs-providers-Hetzner-cost').click();

  // The expired node is not earning: its uptime is 0 %. A healthy node's losses are explained per payment interval.
  await page.getByTestId('costs-tab-nodes').click();
  await expect(page.getByTestId('costs-nodes-row')).toHaveCount(12);
  const expired = page.locator('[data-testid="costs-nodes-row"][data-row="old-cumulus-expired"]');
  await expect(expired.getByTestId('costs-nodes-uptime')).toHaveText('0.00 %', { timeout: 30_000 });
  const healthy = page.locator('[data-testid="costs-nodes-row"][data-row="home-cumulus-1"]');
  await expect(healthy.getByTestId('costs-nodes-uptime')).toHaveText('100.00 %');
  await healthy.getByTestId(/explain-costs-nodes-\d+-missed$/).click();
  await expect(page.getByTestId(/explain-body-costs-nodes-\d+-missed$/)).toContainText('(100 − 100 %)');
  await expect(page.getByTestId(/explain-body-costs-nodes-\d+-missed$/)).toContainText('payment interval');
  await healthy.getByTestId(/explain-costs-nodes-\d+-missed$/).click();

  await page.getByTestId('costs-tab-owners').click();
  const acme = page.locator('[data-testid="owner-row"][data-owner="Acme & Co"]');
  await acme.getByTestId('owner-edit').click();
  await acme.getByTestId('owner-note').locator('textarea').fill('Invoices to ops@acme.example');
  await acme.getByTestId('owner-save').click();
  await expect(acme.getByTestId('owner-note-text')).toHaveText('Invoices to ops@acme.example');

  const downloadPromise = page.waitForEvent('download');
  await acme.getByTestId('owner-statement').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^fluxdeck-statement-acme-co-\d{4}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe('month,owner,node,provider,tier,payments,income_flux,income_usd,cost_usd,net_usd,missed_payments,missed_flux,missed_usd,uptime_percent');
  expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(['TOTAL', 'home-cumulus-1', 'old-cumulus-expired']);
});
