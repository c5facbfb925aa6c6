import { expect, test } from './demo-fixture';

test('an MSP onboards a whole inventory from the UI, keys pinned, and a second import changes nothing', async ({ page, serve, demo }) => {
  await page.goto(serve.url);
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-file').setInputFiles(demo.inventory);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Added 12, skipped 0');
  await expect(page.getByTestId('import-report')).toContainText('12 pinned');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('fleet-row')).toHaveCount(12);

  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-file').setInputFiles(demo.inventory);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Added 0, skipped 12');

  await page.getByTestId('import-text').locator('textarea').fill('{"nodes": [{"name": "x", "host": "a b", "username": "u"}]}');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-error')).toContainText('nodes.0.host');
});
