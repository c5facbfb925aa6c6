import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startSimulatedFleet, test as base, type SimulatedFleet } from './demo-fixture';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * resources/sim/migration-fleet.json, one block a second, with the simulator's control input open
 * so the test schedules the reinstall once it has walked the checklist. One per worker.
 */
const test = base.extend<object, { fleet: SimulatedFleet }>({
  fleet: [
    async ({}, use) => {
      const fleet = await startSimulatedFleet(path.join(ROOT, 'resources/sim/migration-fleet.json'), { blockMs: 1000, publicApi: true, controlStdin: true });
      await use(fleet);
      await fleet.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

const row = (page: Page, name: string) => page.locator(`[data-testid^="migration-row-"][data-node-name="${name}"]`);
const stepState = (page: Page, id: string) => page.getByTestId(`migration-step-state-${id}`);

/** Opens a node's checklist from the board with the keyboard. */
async function openChecklist(page: Page, name: string): Promise<void> {
  await row(page, name).getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('migration-checklist-name')).toHaveText(name);
  await expect(page.getByTestId('migration-checklist-name')).toBeFocused();
}

test('a legacy node walks through its migration run: checklist, manual steps, the reinstall, the board counts', async ({ page, fleet }) => {
  test.setTimeout(240_000);
  await page.goto(fleet.url);
  await page.getByTestId('nav-migration').click();
  await expect(page.getByTestId('migration-count-legacy')).toHaveText('3', { timeout: 60_000 });
  await expect(page.getByTestId('migration-count-arcane')).toHaveText('1', { timeout: 30_000 });

  // A node that fails its hardware: the failed step says why, what to do, and links the guide.
  await expect(row(page, 'home-tpm12').getByTestId('migration-blocking')).toContainText('TPM', { timeout: 30_000 });
  await page.getByTestId('migration-filter-hardware').click();
  await expect(page.locator('[data-testid^="migration-row-"]')).toHaveCount(1);
  await expect(row(page, 'home-tpm12')).toBeVisible();
  await openChecklist(page, 'home-tpm12');
  await expect(stepState(page, 'tpm2')).toHaveText('failed');
  await expect(page.getByTestId('migration-step-detail-tpm2')).toContainText('TPM 1.x found; ArcaneOS needs TPM 2.0');
  await expect(page.getByTestId('migration-step-why-tpm2')).not.toBeEmpty();
  await expect(page.getByTestId('migration-step-guide-tpm2')).toHaveAttribute('href', /^https:\/\//);
  await page.getByTestId('migration-filter-all').click();

  // A qualifying node: hardware passed, identity and router steps wait for the user.
  await openChecklist(page, 'home-walk');
  await expect(page.getByTestId('migration-ready')).toHaveText('Ready to migrate', { timeout: 30_000 });
  for (const id of ['arch', 'uefi', 'tpm2', 'avx', 'ram', 'window']) await expect(stepState(page, id)).toHaveText('passed');
  await expect(stepState(page, 'identity-key')).toHaveText('manual');
  await expect(page.getByTestId('migration-step-guide-identity-key')).toHaveAttribute('href', /^https:\/\//);
  await expect(stepState(page, 'after-arcane')).toHaveText('pending');

  await page.getByTestId('migration-start').click();
  for (const id of ['identity-key', 'flux-id', 'router']) {
    await page.getByTestId(`migration-note-${id}`).locator('input').fill(`have it: ${id}`);
    await page.keyboard.press('Enter');
    await expect(stepState(page, id)).toHaveText('confirmed');
    await expect(page.getByTestId(`migration-step-note-${id}`)).toHaveText(`Note: have it: ${id}`);
  }
  await expect(row(page, 'home-walk').locator('[data-testid^="migration-category-"]')).toContainText('run active');

  // The operator reinstalls the machine with ArcaneOS: two blocks from now, with a new IP.
  fleet.control({ node: 'home-walk', reinstall: { inBlocks: 2, ip: '203.0.113.77' } });
  await expect(stepState(page, 'after-arcane')).toHaveText('passed', { timeout: 90_000 });
  await expect(page.getByTestId('migration-count-arcane')).toHaveText('2');
  await expect(page.getByTestId('migration-count-legacy')).toHaveText('2');
  await expect(page.getByTestId('migration-step-detail-after-ip')).toContainText('new IP 203.0.113.77');
  for (const id of ['after-bench', 'after-status', 'after-collateral', 'after-ip']) await expect(stepState(page, id)).toHaveText('passed', { timeout: 90_000 });
  await expect(page.getByTestId('migration-is-arcane')).toContainText('migration completed', { timeout: 30_000 });
  await expect(stepState(page, 'router')).toHaveText('confirmed');
});

test('hostile text from a node reaches the migration page as capped text, never markup', async ({ page, fleet }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(fleet.url);
  await page.getByTestId('nav-migration').click();
  await expect(row(page, 'vps-hostile')).toBeVisible({ timeout: 60_000 });
  await openChecklist(page, 'vps-hostile');
  // api-port names the public IP the node reports: here markup, bidi overrides and 300 more characters.
  const detail = page.getByTestId('migration-step-detail-api-port');
  await expect(detail).toContainText('<img src=x onerror=alert(1)><b>evil</b>', { timeout: 30_000 });
  const text = (await detail.textContent()) ?? '';
  expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(text.length).toBeLessThan(200);
  expect(await page.locator('[data-testid="migration-view"] img, [data-testid="migration-view"] b, [data-testid="migration-view"] script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

