import { expect, test } from './demo-fixture';

/** The command palette by keyboard alone: reach a node, then run an action on it. */

test('Ctrl+K reaches a node by fuzzy name and then opens an action on it, all by keyboard', async ({ page, demo }) => {
  await page.goto(demo.url);
  await expect(page.getByTestId('fleet-row').first()).toBeVisible();

  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('palette');
  await expect(palette.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type('vpsnim');
  await expect(palette.getByTestId('palette-item').first()).toContainText('vps-nimbus-1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-name-title')).toHaveText('vps-nimbus-1');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('restart fluxos');
  await expect(palette.getByTestId('palette-item').first()).toContainText('Restart FluxOS on vps-nimbus-1');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('action-dialog');
  await expect(dialog.getByTestId('action-preview-commands')).toHaveText('pm2 restart flux');
  await dialog.getByTestId('action-confirm').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('action-run-state')).toHaveText('Restart FluxOS: ok');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Pages too, and the shortcuts help on "?".
  await page.keyboard.press('Control+k');
  await page.keyboard.type('go activity');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('activity-view')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toContainText('Command palette');
});
