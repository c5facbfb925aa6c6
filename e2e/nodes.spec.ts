import { expect, test } from './serve-fixture';

test('add a node, see it listed, reload, still there, remove it', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('fleet-empty')).toBeVisible();

  await page.getByTestId('add-node').click();
  await page.getByTestId('node-name').locator('input').fill('stratus-fra-1');
  await page.getByTestId('node-host').locator('input').fill('203.0.113.21');
  await page.getByTestId('add-node-submit').click();
  await expect(page.getByTestId('fleet-row-name')).toHaveText(['stratus-fra-1']);

  await page.reload();
  await expect(page.getByTestId('fleet-row-name')).toHaveText(['stratus-fra-1']);

  await page.getByTestId('remove-stratus-fra-1').click();
  await page.getByTestId('confirm-remove').click();
  await expect(page.getByTestId('fleet-empty')).toBeVisible();
  const listed = await serve.cli('nodes', 'list', '--json');
  expect(JSON.parse(listed.stdout)).toEqual({ nodes: [] });
});

test('the form explains what is wrong and keeps what was typed', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByTestId('add-node').click();
  await page.getByTestId('node-name').locator('input').fill('bad host');
  await page.getByTestId('node-host').locator('input').fill('http://203.0.113.5/');
  await page.getByTestId('add-node-submit').click();
  await expect(page.getByTestId('add-node-dialog')).toContainText('Host only: no scheme, path or spaces');
  await expect(page.getByTestId('node-name').locator('input')).toHaveValue('bad host');
});

test('a node added with the CLI appears in the served UI', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('fleet-empty')).toBeVisible();
  // serve and the CLI share the database: the UI shows the CLI's node once it loads the fleet again.
  const added = await serve.cli('nodes', 'add', '--name', 'from-cli', '--host', '198.51.100.77', '--tag', 'cli');
  expect(added.code).toBe(0);
  await page.reload();
  await expect(page.getByTestId('fleet-row-name')).toHaveText(['from-cli']);
});

test('settings show the data dir and version; the theme can be switched', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('data-dir')).toHaveText(serve.dataDir);
  await expect(page.getByTestId('app-version')).toHaveText(/\d+\.\d+\.\d+/);
  await page.getByTestId('theme-choice').getByText('Dark').click();
  const background = await page.locator('.n-layout').first().evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
});
