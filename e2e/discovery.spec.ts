import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './demo-fixture';

const FLUX_ID = '1SimZelIdAddressXXXXXXXXXXXXXXXXXX';

test('a Flux ID\'s nodes are found in the public list, previewed with ip, tier, status and txid, and added under their owner', async ({ page, serve, demo }) => {
  // A fresh FluxDeck that knows only the public API (the simulator's stand-in for api.runonflux.io and stats).
  const { publicApi } = JSON.parse(await readFile(demo.inventory, 'utf8')) as { publicApi: string };
  const list = (await (await fetch(`${publicApi}/proposals/votepower/${FLUX_ID}`)).json()) as { data: { nodes: unknown[] } };
  const expected = list.data.nodes.length;
  expect(expected).toBeGreaterThan(0);
  const settingsFile = path.join(serve.dataDir, 'public-api.json');
  await writeFile(settingsFile, JSON.stringify({ publicApi, nodes: [] }));
  expect((await serve.cli('nodes', 'import', settingsFile, '--format', 'inventory', '--set-public-api')).code).toBe(0);

  await page.goto(serve.url);
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-mode-wallet').click();
  await page.getByTestId('discover-owner').locator('input').fill('Acme Hosting');
  await page.getByTestId('discover-flux-id').locator('input').fill(FLUX_ID);
  await page.getByTestId('discover-preview').click();
  await expect(page.getByTestId('discover-found-row')).toHaveCount(expected);
  const first = page.getByTestId('discover-found-row').first();
  await expect(first).toContainText('CONFIRMED');
  await expect(first).toContainText(/CUMULUS|NIMBUS|STRATUS/);
  await expect(first).toContainText(/[0-9a-f]{64}:\d+/);
  await expect(page.getByTestId('import-counts')).toContainText(`${expected} to add, 0 to update, 0 to skip`);
  await page.getByTestId('discover-submit').click();
  await expect(page.getByTestId('discover-report')).toContainText(`Added ${expected} node(s) for Acme Hosting`);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('fleet-row')).toHaveCount(expected);

  // The owner now exists with the addresses the Flux ID's nodes are paid to.
  await page.getByTestId('nav-costs').click();
  await page.getByTestId('costs-tab-owners').click();
  const owner = page.locator('[data-testid="owner-row"][data-owner="Acme Hosting"]');
  await expect(owner).toContainText(String(expected));
  await expect(owner).toContainText(/t1\w+/);
});
