import { readFile } from 'node:fs/promises';
import { expect, test } from './demo-fixture';

/** Maintenance from the node page and a fleet selection: preview, confirm naming the nodes, outcome, audit. */

test('restart mongod from the node page: exact commands, confirmation naming the node, outcome, audit entry', async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.locator('[data-testid="fleet-row"][data-node-name="stratus-lowdisk-mongod-down"]').getByTestId('fleet-row-name').click();
  await expect(page.getByTestId('node-view')).toBeVisible();
  // The node's own dashboard is on its API port − 1.
  const inventory = JSON.parse(await readFile(demo.inventory, 'utf8')) as { nodes: { name: string; host: string; apiPort: number }[] };
  const node = inventory.nodes.find((n) => n.name === 'stratus-lowdisk-mongod-down')!;
  await expect(page.getByTestId('node-open-ui')).toHaveAttribute('href', `http://${node.host}:${node.apiPort - 1}/`);

  await page.getByTestId('node-maintenance').click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByTestId('action-restart-mongod').click();
  await expect(dialog.getByTestId('action-preview-commands')).toHaveText('sudo systemctl restart mongod\nsystemctl is-active mongod');
  const confirm = dialog.getByTestId('action-confirm');
  await expect(confirm).toHaveText('Run Restart mongod on stratus-lowdisk-mongod-down');
  await confirm.click();
  await expect(dialog.getByTestId('action-run-state')).toHaveText('Restart mongod: ok');
  await expect(dialog.getByTestId('action-output')).toContainText('active');
  await dialog.getByTestId('action-close').click();

  const entry = page.getByTestId('node-activity').getByTestId('activity-entry').first();
  await expect(entry.getByTestId('activity-label')).toHaveText('Restart mongod');
  await expect(entry.getByTestId('activity-state')).toHaveText('ok');

  await page.getByTestId('nav-activity').click();
  const fleetEntry = page.getByTestId('activity-view').getByTestId('activity-entry').first();
  await expect(fleetEntry.getByTestId('activity-nodes')).toHaveText('stratus-lowdisk-mongod-down');
});

test('logs for a fleet selection: ArcaneOS says what is possible, the legacy node shows clean lines', async ({ page, demo }) => {
  await page.goto(demo.url);
  for (const name of ['home-cumulus-1', 'home-cumulus-arcane']) {
    await page.locator(`[data-testid="fleet-row"][data-node-name="${name}"]`).getByTestId("fleet-row-check").check();
  }
  await page.getByTestId('selection-maintenance').click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByTestId('action-lines-50').click();
  await dialog.getByTestId('action-logs-fluxd').click();
  await expect(dialog.getByTestId('action-preview-commands')).toHaveText('tail -n 50 ~/.flux/debug.log');
  await expect(dialog.getByTestId('action-skipped')).toContainText('home-cumulus-arcane');
  await expect(dialog.getByTestId('action-skipped')).toContainText('ArcaneOS');
  await expect(dialog.getByTestId('action-confirm')).toHaveText('Run fluxd log on home-cumulus-1');
  await dialog.getByTestId('action-confirm').click();
  await expect(dialog.getByTestId('action-run-state')).toHaveText('fluxd log: ok');
  const output = await dialog.getByTestId('action-output').first().innerText();
  expect(output.split('\n').filter((line) => line.includes('UpdateTip'))).toHaveLength(50);
});
