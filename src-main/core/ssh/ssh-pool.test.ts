import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { startSshFixture, type SshFixture } from '../../testkit/ssh-fixture';
import { createPoolHarness, sshRejection, until, type PoolHarness } from '../../testkit/pool-harness';
import type { SshTarget } from './ssh-types';

describe('SshPool against an in-process ssh2 server', () => {
  let fx: SshFixture;
  let h: PoolHarness;
  let target: SshTarget;

  beforeAll(async () => {
    fx = await startSshFixture();
  });
  afterAll(async () => {
    await fx.close();
  });
  beforeEach(async () => {
    fx.mode = 'normal';
    fx.maxSessions = 10;
    h = createPoolHarness();
    await h.secrets.set('node:1:key', fx.clientPrivateKey);
    target = { host: fx.host, port: fx.port, username: fx.username, auth: { kind: 'key', secretRef: 'node:1:key' }, readyTimeoutMs: 2_000 };
  });
  afterEach(async () => {
    await h.close();
  });

  it('runs commands over one reused connection and pins the host key on first use', async () => {
    const before = fx.connections();
    const first = await h.pool.exec(target, 'echo hello');
    const second = await h.pool.exec(target, 'echo again');
    expect(first).toEqual({ stdout: 'hello\n', stderr: '', code: 0, signal: null, truncated: false });
    expect(second.stdout).toBe('again\n');
    expect(fx.connections() - before).toBe(1);
    expect(h.events).toEqual([
      { host: fx.host, port: fx.port, kind: 'pinned', keyType: 'ssh-ed25519', fingerprint: fx.hostFingerprint() },
    ]);
    expect(h.hostKeys.list(fx.host, fx.port)[0]).toMatchObject({ source: 'tofu', fingerprint: fx.hostFingerprint() });
  });

  it('streams output line by line as it arrives, stripped of control sequences, with the whole result at the end', async () => {
    const seen: { lines: string[]; finished: boolean }[] = [];
    let finished = false;
    const done = h.pool.exec(target, 'drip', { onLines: (lines) => seen.push({ lines, finished }) });
    void done.then(() => (finished = true));
    const result = await done;
    expect(seen[0]).toEqual({ lines: ['one', 'two'], finished: false });
    expect(seen.flatMap((s) => s.lines)).toEqual(['one', 'two', 'thrée', 'last']);
    expect(result.stdout).toBe('one\ntwo\nthrée\nlast');
  });

  it('authenticates with a key file and with a password from the secret store', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-key-'));
    try {
      const keyPath = path.join(dir, 'id_ed25519');
      writeFileSync(keyPath, fx.clientPrivateKey, { mode: 0o600 });
      const viaFile = await h.pool.exec({ ...target, username: 'filekey', auth: { kind: 'key-file', path: keyPath } }, 'echo file');
      expect(viaFile.stdout).toBe('file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await h.secrets.set('node:1:pw', fx.password);
    const viaPassword = await h.pool.exec({ ...target, username: 'pw', auth: { kind: 'password', secretRef: 'node:1:pw' } }, 'echo pw');
    expect(viaPassword.stdout).toBe('pw\n');
  });

  it('reports exit codes, stderr, signals and a missing exit status', async () => {
    expect(await h.pool.exec(target, 'fail')).toMatchObject({ code: 3, stderr: 'boom\n' });
    expect(await h.pool.exec(target, 'signal')).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(await h.pool.exec(target, 'noexit')).toMatchObject({ code: null, signal: null, stdout: 'no status\n' });
  });

  it('sanitises terminal escapes by default and keeps them with raw', async () => {
    expect((await h.pool.exec(target, 'ansi')).stdout).toBe('red text\n');
    expect((await h.pool.exec(target, 'ansi', { raw: true })).stdout).toContain('\u001b]52;');
  });

  it('never opens more than 4 channels on a connection: the rest queue', async () => {
    fx.maxSessions = 4;
    const runs = Array.from({ length: 10 }, () => h.pool.exec(target, 'sleep 50'));
    const results = await Promise.all(runs);
    expect(results.every((r) => r.stdout === 'slept\n')).toBe(true);
  });

  it('adapts when the server allows fewer sessions than the pool: refused, then queued', async () => {
    fx.maxSessions = 2;
    const first = await Promise.allSettled(Array.from({ length: 4 }, () => h.pool.exec(target, 'sleep 50')));
    const refused = first.filter((r) => r.status === 'rejected');
    for (const r of refused) expect(r.status === 'rejected' ? r.reason : null).toMatchObject({ code: 'CHANNEL_REFUSED' });
    const second = await Promise.all(Array.from({ length: 4 }, () => h.pool.exec(target, 'sleep 20')));
    expect(second).toHaveLength(4);
  });

  it('rejects output past the cap, or truncates on request, and keeps the connection', async () => {
    const before = fx.connections();
    const err = await sshRejection(h.pool.exec(target, 'big 5000', { maxOutputBytes: 1000 }));
    expect(err.code).toBe('OUTPUT_TOO_LARGE');
    const cut = await h.pool.exec(target, 'big 5000', { maxOutputBytes: 1000, overflow: 'truncate' });
    expect(cut.truncated).toBe(true);
    expect(cut.stdout).toBe('a'.repeat(1000));
    expect((await h.pool.exec(target, 'echo still')).stdout).toBe('still\n');
    expect(fx.connections() - before).toBe(1);
  });

  it('times out a hanging command, evicts the connection and reconnects after backoff', async () => {
    await h.pool.exec(target, 'echo warm');
    const before = fx.connections();
    const err = await sshRejection(h.pool.exec(target, 'hang', { timeoutMs: 300 }));
    expect(err.code).toBe('TIMEOUT');
    expect(h.pool.stats().connections).toBe(0);
    let result: string | undefined;
    async function retry(): Promise<void> {
      while (result === undefined) {
        try {
          result = (await h.pool.exec(target, 'echo back')).stdout;
        } catch (e) {
          await new Promise((r) => setTimeout(r, 50));
          if (!(e instanceof Error)) throw e;
        }
      }
    }
    void retry();
    await until(() => result !== undefined, 3_000);
    expect(result).toBe('back\n');
    expect(fx.connections() - before).toBe(1);
  });

  it('gives up on a server that never sends a banner, backs off, and recovers', async () => {
    fx.mode = 'no-banner';
    const t = { ...target, readyTimeoutMs: 400 };
    const err = await sshRejection(h.pool.exec(t, 'echo x'));
    expect(err.code).toBe('UNREACHABLE');
    const backoff = await sshRejection(h.pool.exec(t, 'echo x'));
    expect(backoff.code).toBe('BACKOFF');
    expect(backoff.details.cause).toBe('UNREACHABLE');
    expect(backoff.details.retryAt).toBeGreaterThan(Date.now() - 1);
    // People's words and a relative wait, never the cause's code or an ISO timestamp.
    expect(backoff.message).toMatch(/^Not tried again yet: .+; retrying in \d+ (s|min)$/);
    expect(backoff.message).not.toMatch(/UNREACHABLE|\d{4}-\d\d-\d\dT/);
    fx.mode = 'normal';
    await new Promise((r) => setTimeout(r, (backoff.details.retryAt ?? 0) - Date.now() + 10));
    expect((await h.pool.exec(t, 'echo ok')).stdout).toBe('ok\n');
  });

  it('maps a closed port to UNREACHABLE', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect((await sshRejection(h.pool.exec({ ...target, port }, 'echo x'))).code).toBe('UNREACHABLE');
  });

  it('backs off hard after an auth failure and does not retry in a loop', async () => {
    fx.mode = 'reject-auth';
    const before = fx.connections();
    const err = await sshRejection(h.pool.exec(target, 'echo x'));
    expect(err.code).toBe('AUTH_FAILED');
    for (let i = 0; i < 5; i++) {
      const again = await sshRejection(h.pool.exec(target, 'echo x'));
      expect(again.code).toBe('BACKOFF');
      expect(again.details.cause).toBe('AUTH_FAILED');
      expect(again.details.retryAt).toBeGreaterThanOrEqual(Date.now() + 50_000);
    }
    expect(fx.connections() - before).toBe(1);
    fx.mode = 'normal';
    h.pool.resetBackoff(target);
    expect((await h.pool.exec(target, 'echo fixed')).stdout).toBe('fixed\n');
  });

  it('never puts a secret into an error message', async () => {
    await h.secrets.set('node:1:badpw', 'sup3r-s3cret-value');
    const err = await sshRejection(h.pool.exec({ ...target, username: 'x', auth: { kind: 'password', secretRef: 'node:1:badpw' } }, 'echo x'));
    expect(err.code).toBe('AUTH_FAILED');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('sup3r-s3cret-value');
    const missing = await sshRejection(h.pool.exec({ ...target, username: 'y', auth: { kind: 'key', secretRef: 'node:9:key' } }, 'echo x'));
    expect(missing.code).toBe('AUTH_FAILED');
    await h.secrets.set('node:1:garbage', 'not a key at all');
    const garbage = await sshRejection(h.pool.exec({ ...target, username: 'z', auth: { kind: 'key', secretRef: 'node:1:garbage' } }, 'echo x'));
    expect(garbage.code).toBe('AUTH_FAILED');
    expect(garbage.message).not.toContain('not a key at all');
  });

  it('refuses a changed host key with both fingerprints, and connects after a deliberate replace', async () => {
    await h.pool.exec(target, 'echo pinned');
    const pinned = fx.hostFingerprint();
    h.pool.evict(target);
    const rotated = fx.rotateHostKey();
    const authsBefore = fx.authAttempts();
    const err = await sshRejection(h.pool.exec(target, 'echo x'));
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    // The key is checked before authentication: no credential went to the impostor.
    expect(fx.authAttempts()).toBe(authsBefore);
    expect(err.details).toMatchObject({ keyType: 'ssh-ed25519', fingerprint: rotated, previousFingerprint: pinned });
    expect(h.events.at(-1)).toMatchObject({ kind: 'mismatch', fingerprint: rotated, previousFingerprint: pinned });
    expect((await sshRejection(h.pool.exec(target, 'echo x'))).code).toBe('BACKOFF');
    h.hostKeys.replace(fx.host, fx.port, 'ssh-ed25519', rotated);
    expect(h.events.at(-1)).toMatchObject({ kind: 'replaced', fingerprint: rotated, previousFingerprint: pinned });
    expect((await h.pool.exec(target, 'echo trusted')).stdout).toBe('trusted\n');
  });

  it('with the "ask" policy rejects an unknown key with its fingerprint until the user pins it', async () => {
    const ask = createPoolHarness({}, { policy: 'ask' });
    try {
      await ask.secrets.set('node:1:key', fx.clientPrivateKey);
      const err = await sshRejection(ask.pool.exec(target, 'echo x'));
      expect(err.code).toBe('HOST_KEY_UNKNOWN');
      expect(err.details).toMatchObject({ keyType: 'ssh-ed25519', fingerprint: fx.hostFingerprint() });
      ask.hostKeys.pin(fx.host, fx.port, 'ssh-ed25519', err.details.fingerprint ?? '');
      expect((await ask.pool.exec(target, 'echo ok')).stdout).toBe('ok\n');
    } finally {
      await ask.close();
    }
  });

  it('fails commands on a half-open connection within the deadline instead of hanging', async () => {
    fx.mode = 'half-open-after-ready';
    const t = { ...target, keepalive: { intervalMs: 200, countMax: 2 } };
    const err = await sshRejection(h.pool.exec(t, 'echo x', { timeoutMs: 2_000 }));
    expect(['TIMEOUT', 'CONNECTION_LOST']).toContain(err.code);
    expect(h.pool.stats().connections).toBe(0);
  });

  it('reports a connection dropped mid-command as CONNECTION_LOST', async () => {
    fx.mode = 'drop-on-exec';
    const err = await sshRejection(h.pool.exec(target, 'echo x'));
    expect(err.code).toBe('CONNECTION_LOST');
  });

  it('closes idle connections after the TTL and keeps leased ones', async () => {
    const idle = createPoolHarness({ idleTtlMs: 150 });
    try {
      await idle.secrets.set('node:1:key', fx.clientPrivateKey);
      const lease = await idle.pool.lease(target);
      expect((await lease.exec('echo leased')).stdout).toBe('leased\n');
      await new Promise((r) => setTimeout(r, 300));
      expect(idle.pool.stats().connections).toBe(1);
      lease.release();
      await until(() => idle.pool.stats().connections === 0, 3_000);
    } finally {
      await idle.close();
    }
  });

  it('keeps at most maxHandshakes in flight across targets', async () => {
    const capped = createPoolHarness({ maxHandshakes: 1 });
    try {
      await capped.secrets.set('node:1:key', fx.clientPrivateKey);
      let maxSeen = 0;
      const sampler = setInterval(() => {
        maxSeen = Math.max(maxSeen, capped.pool.stats().handshakesInFlight);
      }, 1);
      const hosts = ['127.0.0.1', 'localhost'];
      const results = await Promise.all(
        hosts.flatMap((host) => ['a', 'b'].map((u) => capped.pool.exec({ ...target, host, username: u }, `echo ${u}`))),
      );
      clearInterval(sampler);
      expect(results.map((r) => r.stdout)).toEqual(['a\n', 'b\n', 'a\n', 'b\n']);
      expect(maxSeen).toBeLessThanOrEqual(1);
      expect(capped.pool.stats().connections).toBe(4);
    } finally {
      await capped.close();
    }
  });

  it('close() ends every connection and later commands fail fast', async () => {
    await h.pool.exec(target, 'echo x');
    const open = fx.openConnections();
    await h.pool.close();
    expect((await sshRejection(h.pool.exec(target, 'echo x'))).code).toBe('CONNECTION_LOST');
    await until(() => fx.openConnections() <= open - 1, 3_000);
  });
});
