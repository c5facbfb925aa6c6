import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForOutput } from './demo-fixture';
import { CLI, test as serveTest } from './serve-fixture';

test('serve --metrics --metrics-token-file prints one metrics line with that token, and /metrics wants it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-metrics-'));
  const tokenFile = path.join(dir, 'token');
  const token = 'e2e-fixed-token-0123456789abcdef';
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const serve = spawn(process.execPath, [CLI, 'serve', '--no-open', '--metrics', '--metrics-token-file', tokenFile, '--data-dir', path.join(dir, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const [line, url, printed] = await waitForOutput(serve, /^metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics) token (\S+)$/m);
    expect(line).toMatch(/^metrics: http:\/\/127\.0\.0\.1:\d+\/metrics token \S+$/);
    expect(printed).toBe(token);
    expect((await fetch(url!)).status).toBe(401);
    expect((await fetch(url!, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const ok = await fetch(url!, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^fluxdeck_nodes 0$/m);
  } finally {
    serve.kill('SIGTERM');
    await new Promise((resolve) => serve.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses a metrics token file that holds no usable token', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-e2e-metrics-'));
  const tokenFile = path.join(dir, 'token');
  writeFileSync(tokenFile, 'short\n');
  const serve = spawn(process.execPath, [CLI, 'serve', '--no-open', '--metrics-token-file', tokenFile, '--data-dir', path.join(dir, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => serve.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
  expect(code).not.toBe(0);
  expect(stderr).toMatch(/the metrics token must be one line of at least 16 characters/);
});

serveTest('Settings turns the metrics endpoint on with a token the page never shows again', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByTestId('nav-settings').click();
  const form = page.getByTestId('metrics-settings');
  await form.getByTestId('metrics-enabled').click();
  await form.getByTestId('metrics-port').locator('input').fill('0');
  await form.getByTestId('metrics-port').locator('input').fill(String(40_000 + Math.floor(Math.random() * 20_000)));
  const token = 'from-settings-0123456789abcdef';
  await form.getByTestId('metrics-token').locator('input').fill(token);
  await form.getByTestId('metrics-save').click();
  await expect(form.getByTestId('metrics-url')).toContainText(/http:\/\/127\.0\.0\.1:\d+\/metrics/);
  const url = /http:\/\/127\.0\.0\.1:\d+\/metrics/.exec((await form.getByTestId('metrics-url').textContent())!)![0];
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  await expect(form.getByTestId('metrics-token').locator('input')).toHaveValue('');
  expect(await page.content()).not.toContain(token);
});
