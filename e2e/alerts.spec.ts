import path from 'node:path';
import Database from 'better-sqlite3';
import { SmtpTestServer } from '../src-main/testkit/smtp-test-server';
import { expect, test } from './serve-fixture';

test('an email channel delivers its test message to a local SMTP server over STARTTLS', async ({ page, serve }) => {
  const smtp = new SmtpTestServer({ user: 'ops', password: 'smtp-e2e-pass' });
  const { host, port } = await smtp.start();
  try {
    await page.goto(`${serve.url}#/alerts`);
    await page.getByTestId('add-channel').click();
    await page.getByTestId('channel-kind-email').click();
    await page.getByTestId('channel-name').locator('input').fill('Ops mail');
    await page.getByTestId('channel-smtp-host').locator('input').fill(host);
    await page.getByTestId('channel-smtp-port').locator('input').fill(String(port));
    await page.getByTestId('channel-from').locator('input').fill('fluxdeck@example.com');
    await page.getByTestId('channel-to').locator('input').fill('not an address');
    await page.getByTestId('channel-submit').click();
    // People's words, not a field path.
    await expect(page.getByTestId('channel-error')).toHaveText('That is not an email address');
    await page.getByTestId('channel-to').locator('input').fill('ops@example.com');
    await page.getByTestId('channel-username').locator('input').fill('ops');
    await page.getByTestId('channel-password').locator('input').fill('smtp-e2e-pass');
    await page.getByTestId('channel-self-signed').click();
    await page.getByTestId('channel-submit').click();
    const row = page.getByTestId('alert-channel').filter({ hasText: 'Ops mail' });
    await expect(row).toContainText(`ops@example.com via ${host}:${port}`);
    await row.getByRole('button', { name: 'Send test' }).click();
    await expect(row.getByTestId('alert-test-result')).toHaveText('Sent');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ to: ['ops@example.com'], secure: true, user: 'ops' });
    expect(smtp.mails[0]!.raw).toContain('[TEST] FluxDeck test message');
  } finally {
    await smtp.stop();
  }
});

test('acknowledging an alert marks it, and the history filters it out of "not acknowledged"', async ({ page, serve }) => {
  expect((await serve.cli('nodes', 'add', '--name', 'fra-silent', '--host', '127.0.0.1', '--api-port', '9')).code).toBe(0);
  // The alert a node that never answered raises (the rule itself is unit-tested; waiting out its
  // three-minute debounce here would make a timed test).
  const db = new Database(path.join(serve.dataDir, 'fluxdeck.db'));
  try {
    const node = db.prepare<[], { id: number }>("SELECT id FROM nodes WHERE name = 'fra-silent'").get()!;
    db.prepare(`INSERT INTO alerts_log (at, node_id, code, severity, title, text, channel_results_json, silenced)
      VALUES (?, ?, 'NODE_UNREACHABLE', 'critical', 'fra-silent has never answered', 'fra-silent (127.0.0.1) has not answered once since it was added (3 polls).', '[]', 0)`).run(Date.now(), node.id);
  } finally {
    db.close();
  }
  await page.goto(`${serve.url}#/alerts`);
  const entry = page.getByTestId('alert-log-entry').filter({ hasText: 'fra-silent has never answered' });
  await expect(entry).toBeVisible();
  await entry.getByTestId('alert-acknowledge').click();
  await expect(entry.getByTestId('alert-acknowledged')).toBeVisible();
  await page.getByTestId('alert-filter-unacked').click();
  await expect(page.getByTestId('alert-log-entry')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('alert-log-entry').filter({ hasText: 'fra-silent' }).getByTestId('alert-acknowledged')).toBeVisible();
});

test('privacy mode masks IP addresses in alert texts', async ({ page, serve }) => {
  expect((await serve.cli('nodes', 'add', '--name', 'fra-ip', '--host', '127.0.0.1', '--api-port', '9')).code).toBe(0);
  const db = new Database(path.join(serve.dataDir, 'fluxdeck.db'));
  try {
    db.prepare(`INSERT INTO alerts_log (at, node_id, code, severity, title, text, channel_results_json, silenced)
      VALUES (?, NULL, 'NODE_UNREACHABLE', 'critical', 'fra-ip is unreachable', 'fra-ip (203.0.113.77:16127) did not answer 3 polls in a row.', '[]', 0)`).run(Date.now());
  } finally {
    db.close();
  }
  await page.goto(`${serve.url}#/alerts`);
  await page.evaluate(() => localStorage.setItem('fluxdeck.privacy', '1'));
  await page.reload();
  const entry = page.getByTestId('alert-log-entry').filter({ hasText: 'fra-ip is unreachable' });
  await expect(entry).toBeVisible();
  await expect(entry).not.toContainText('203.0.113.77');
});
