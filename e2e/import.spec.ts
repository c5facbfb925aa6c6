import { expect, test } from './demo-fixture';

test('an MSP onboards a whole inventory from the UI after a preview, keys pinned, and a second import changes nothing', async ({ page, serve, demo }) => {
  await page.goto(serve.url);
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-file').setInputFiles(demo.inventory);
  await expect(page.getByTestId('import-preview')).toContainText('12 to add, 0 to update, 0 to skip');
  // The file's public API is offered, never applied silently.
  await expect(page.getByTestId('import-set-public-api')).toBeVisible();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Added 12, updated 0, skipped 0');
  await expect(page.getByTestId('import-report')).toContainText('12 pinned');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);

  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-file').setInputFiles(demo.inventory);
  await expect(page.getByTestId('import-preview')).toContainText('0 to add, 0 to update, 12 to skip');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Added 0, updated 0, skipped 12');
  await page.getByRole('button', { name: 'Done' }).click();

  // A bad row is a sentence in the preview, not a raw schema path.
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-text').locator('textarea').fill('name,host,sshPort\nx,a b,22\ny,192.0.2.5,70000\n');
  await page.getByTestId('import-preview-button').click();
  await expect(page.getByTestId('import-rows')).toContainText('x: host must be a host name or IP address');
  await expect(page.getByTestId('import-rows')).toContainText('y: sshPort must be a number from 1 to 65535');
  await expect(page.getByTestId('import-rows')).not.toContainText(/Too big|expected|nodes\.\d/);
});

test('a 5,000-row CSV previews a page at a time and the dialog stays interactive', async ({ page, serve }) => {
  const lines = ['name,host,tags,owner,provider,monthlyCostUsd'];
  for (let i = 0; i < 5000; i++) lines.push(`node-${i},10.${Math.floor(i / 250)}.${i % 250}.1,bulk,Acme,Hetzner,9.5`);
  await page.goto(serve.url);
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'fleet.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('import-counts')).toContainText('5000 to add, 0 to update, 0 to skip');
  // 100 rows rendered, the rest a page away.
  await expect(page.getByTestId('import-row')).toHaveCount(100);
  await page.getByTestId('import-pages').getByText('50', { exact: true }).click();
  await expect(page.getByTestId('import-row').last()).toContainText('node-4999 — 10.19.249.1');
  // The dialog still answers at once: switching mode and back, then closing it.
  await page.getByTestId('import-mode-wallet').click();
  await expect(page.getByTestId('discover-form')).toBeVisible();
  await page.getByTestId('import-mode-file').click();
  await expect(page.getByTestId('import-counts')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
});
