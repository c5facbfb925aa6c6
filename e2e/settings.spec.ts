import { expect, test } from './serve-fixture';

/** Settings is the one home of settings, and nothing else contradicts what it says. */

test('settings and the add dialog say the same about where secrets go in serve mode without a passphrase', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByTestId('add-node').click();
  await page.getByTestId('node-auth-kind').getByText('Paste key').click();
  await expect(page.getByTestId('add-secret-storage')).toContainText('memory only');
  await expect(page.getByTestId('add-secret-storage')).not.toContainText('keychain');
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-secret-storage')).toContainText('memory only');
});
