import { readFile } from 'node:fs/promises';
import { expect, test } from './demo-fixture';

interface InventoryNode {
  name: string;
  host: string;
  sshPort: number;
  apiPort: number;
  username: string;
  privateKeyPath: string;
  hostKey: { type: string; fingerprint: string };
}

test('adding an SSH node shows its host key fingerprint before trusting it, then connects', async ({ page, serve, demo }) => {
  const inventory = JSON.parse(await readFile(demo.inventory, 'utf8')) as { nodes: InventoryNode[] };
  const legacy = inventory.nodes.find((node) => node.username === 'flux')!;

  // A fresh data dir: nothing is pinned yet.
  await page.goto(serve.url);
  await page.getByTestId('add-node').click();
  await page.getByTestId('node-name').locator('input').fill('ssh-node');
  await page.getByTestId('node-host').locator('input').fill(legacy.host);
  await page.getByTestId('node-api-port').locator('input').fill(String(legacy.apiPort));
  await page.getByText('Key file', { exact: true }).click();
  await page.getByPlaceholder('root').fill(legacy.username);
  await page.locator('.n-input-number').nth(1).locator('input').fill(String(legacy.sshPort));
  await page.getByPlaceholder('/home/me/.ssh/id_ed25519').fill(legacy.privateKeyPath);
  await page.getByTestId('add-node-submit').click();

  const dialog = page.getByTestId('hostkey-dialog');
  await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(legacy.hostKey.fingerprint);
  await dialog.getByTestId('hostkey-trust').click();
  await expect(dialog.getByTestId('hostkey-ok')).toContainText(legacy.hostKey.fingerprint);
  await dialog.getByRole('button', { name: 'Done' }).click();
  // Trusting re-polls the node: its SSH facts now count, and nothing waits for a key decision.
  const row = page.locator('[data-testid="fleet-row"][data-node-name="ssh-node"]');
  await expect(row.getByTestId('health-badge')).toHaveAttribute('data-health', 'ok');
  await row.getByTestId('fleet-row-name').click();
  await expect(page.getByTestId('node-view')).toBeVisible();
  await expect(page.getByTestId('problem-HOST_KEY_UNKNOWN')).toHaveCount(0);
  await expect(page.getByTestId('node-cards')).toContainText('mongod');
});
