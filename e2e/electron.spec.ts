import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

/**
 * The Electron binary path, or why there is none. Since Electron 42 `require('electron')` downloads
 * the binary on first use, so only a binary already fetched (path.txt written) is used here.
 */
function electronBinary(): { path?: string; reason?: string } {
  try {
    if (!existsSync(path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt'))) {
      return { reason: 'the Electron binary was never downloaded' };
    }
    return { path: require('electron') as string };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

const binary = electronBinary();
if (!binary.path) {
  console.log(`[e2e] Electron tests skipped: no Electron binary (${binary.reason}). Run \`npm run electron:fetch\` and \`npm run native:electron\` where the Electron download host is reachable.`);
}

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.path, 'no Electron binary on this machine');

  test('opens the fleet, adds a node through the preload bridge, and keeps it after a restart', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-electron-'));
    const launch = () =>
      electron.launch({
        executablePath: binary.path,
        args: [path.resolve(import.meta.dirname, '..', 'out', 'main', 'index.js')],
        env: { ...process.env, FLUXDECK_DATA_DIR: dataDir },
      });
    let app = await launch();
    let window = await app.firstWindow();
    await expect(window.getByTestId('fleet-empty')).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await window.getByTestId('add-node').click();
    await window.getByTestId('node-name').locator('input').fill('desk-node');
    await window.getByTestId('node-host').locator('input').fill('203.0.113.90');
    await window.getByTestId('add-node-submit').click();
    await expect(window.getByTestId('fleet-row-name')).toHaveText(['desk-node']);
    await app.close();

    app = await launch();
    window = await app.firstWindow();
    await expect(window.getByTestId('fleet-row-name')).toHaveText(['desk-node']);
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
