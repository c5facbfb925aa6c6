import { expect, runCli, test } from './serve-fixture';

test('an operator edits a node from its page: name, owner and tags change, a taken name is refused', async ({ page, serve }) => {
  await runCli(['nodes', 'add', '--name', 'edit-me', '--host', '192.0.2.61', '--data-dir', serve.dataDir]);
  await runCli(['nodes', 'add', '--name', 'taken', '--host', '192.0.2.62', '--data-dir', serve.dataDir]);
  await page.goto(serve.url);
  await page.locator('[data-testid="fleet-row"][data-node-name="edit-me"] [data-testid="fleet-row-name"]').click();
  await expect(page.getByTestId('node-view')).toBeVisible();
  await page.getByTestId('node-edit').click();
  await page.getByTestId('edit-name').locator('input').fill('taken');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('edit-error')).toContainText('A node named "taken" already exists');
  await page.getByTestId('edit-name').locator('input').fill('edited');
  await page.getByTestId('edit-tags').locator('input').fill('eu, gpu');
  await page.getByTestId('edit-owner').locator('input').fill('Acme');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('edit-node-dialog')).toHaveCount(0);
  await expect(page.getByTestId('node-name-title')).toHaveText('edited');
  const listed = await runCli(['nodes', 'list', '--json', '--data-dir', serve.dataDir]);
  expect(JSON.parse(listed.stdout) as unknown).toMatchObject({ nodes: [{ name: 'edited', owner: 'Acme', tags: ['eu', 'gpu'] }, { name: 'taken' }] });
});
