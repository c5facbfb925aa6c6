import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createPoolHarness, sshRejection, type PoolHarness } from '../../testkit/pool-harness';
import type { SshTarget } from './ssh-types';

/*
 * The pool against Debian's real OpenSSH server: a temporary sshd on 127.0.0.1 run as the current
 * user. Skipped (with a reason) where sshd is not installed, except in CI, which must run it.
 */

const SSHD = '/usr/sbin/sshd';
const KEYGEN = '/usr/bin/ssh-keygen';
const AGENT = '/usr/bin/ssh-agent';
const SSH_ADD = '/usr/bin/ssh-add';
const haveOpenSsh = existsSync(SSHD) && existsSync(KEYGEN);
const skipReason = `OpenSSH server not installed (${SSHD}); install openssh-server openssh-client to run this test`;

if (!haveOpenSsh && !process.env.CI) console.warn(`openssh.test.ts skipped: ${skipReason}`);

function keygen(file: string): string {
  execFileSync(KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'fluxdeck-test', '-f', file]);
  return execFileSync(KEYGEN, ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** Resolves once something on `port` answers with an SSH banner. */
function bannerSeen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1_000, () => done(false));
    sock.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-')));
    sock.once('error', () => done(false));
  });
}

/** Starts sshd in the foreground and resolves once it serves its banner. */
async function startSshd(config: string, port: number): Promise<ChildProcess> {
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log}`);
    if (await bannerSeen(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd did not start: ${log}`);
}

function stopSshd(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('SshPool against a real OpenSSH sshd', () => {
  if (!haveOpenSsh) {
    if (process.env.CI) {
      it('requires OpenSSH in CI', () => {
        throw new Error(`${skipReason} (CI is set, so this test must run)`);
      });
    } else {
      it.skip(`skipped: ${skipReason}`, () => undefined);
    }
    return;
  }

  let dir: string;
  let config: string;
  let sshd: ChildProcess | undefined;
  let h: PoolHarness;
  let target: SshTarget;
  let hostFingerprint: string;
  let port: number;

  const writeConfig = (hostKey: string): void => {
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-sshd-'));
    config = path.join(dir, 'sshd_config');
    // sshd refuses to start without its privilege separation directory.
    if (userInfo().uid === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    hostFingerprint = keygen(path.join(dir, 'host_a'));
    keygen(path.join(dir, 'client'));
    writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client.pub')));
    port = await freePort();
    writeConfig(path.join(dir, 'host_a'));
    sshd = await startSshd(config, port);
    h = createPoolHarness();
    target = {
      host: '127.0.0.1',
      port,
      username: userInfo().username,
      auth: { kind: 'key-file', path: path.join(dir, 'client') },
      readyTimeoutMs: 5_000,
    };
  }, 30_000);

  afterAll(async () => {
    await h?.close();
    await stopSshd(sshd);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects with a key, pins the host key as ssh-keygen prints it, and runs commands', async () => {
    const result = await h.pool.exec(target, 'echo hello-from-openssh; echo err >&2; exit 7');
    expect(result).toMatchObject({ stdout: 'hello-from-openssh\n', stderr: 'err\n', code: 7 });
    expect(h.hostKeys.list('127.0.0.1', port)).toEqual([
      expect.objectContaining({ keyType: 'ssh-ed25519', fingerprint: hostFingerprint, source: 'tofu' }),
    ]);
    const parallel = await Promise.all(Array.from({ length: 8 }, (_, i) => h.pool.exec(target, `echo ${i}`)));
    expect(parallel.map((r) => r.stdout.trim())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(h.pool.stats().connections).toBe(1);
  });

  it("runs scripts one after another in one long-lived shell, each answer holding only its own script's output", async () => {
    const END = '@@openssh-test:end';
    const script = (body: string): Promise<string> => h.pool.exec(target, `${body}\necho ${END}`, { endMarker: END }).then((r) => r.stdout);
    const pidOf = (out: string): number => Number(/pid=(\d+)/.exec(out)?.[1]);
    // `cat` reads stdin: it gets /dev/null, not the rest of this script or the next one.
    const first = await script('echo pid=$$; cat; echo after-cat');
    expect(first).toBe(`pid=${pidOf(first)}\nafter-cat\n${END}\n`);
    const second = await script('echo pid=$$');
    // The same shell process: no channel was opened for it.
    expect(pidOf(second)).toBe(pidOf(first));
    // Two at once on the one connection: a shell each, neither sees the other's lines.
    const both = await Promise.all([script('echo pid=$$; echo left'), script('echo pid=$$; echo right')]);
    expect(both[0]).toMatch(/\nleft\n@@openssh-test:end\n$/);
    expect(both[1]).toMatch(/\nright\n@@openssh-test:end\n$/);
    expect(pidOf(both[0])).not.toBe(pidOf(both[1]));
    // A shell that died between scripts (the next one is written before its close arrives) is
    // replaced: the script still gets its answer, from a new shell.
    const idlePids = both.map(pidOf);
    for (const pid of idlePids) process.kill(pid, 'SIGKILL');
    const afterKill = await script('echo pid=$$; echo still-answered');
    expect(afterKill).toMatch(/still-answered\n/);
    expect(idlePids).not.toContain(pidOf(afterKill));
    // A script that ends its shell gives what it printed; the next one runs in a new shell.
    expect((await h.pool.exec(target, 'echo leaving; exit 3', { endMarker: END })).stdout).toBe('leaving\n');
    expect(await script('echo back')).toBe(`back\n${END}\n`);
  });

  it('authenticates through an ssh-agent socket holding the key', async () => {
    const socket = path.join(dir, 'agent.sock');
    const agent = spawn(AGENT, ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 5_000;
      while (!existsSync(socket)) {
        if (Date.now() > deadline) throw new Error('ssh-agent did not create its socket');
        await new Promise((r) => setTimeout(r, 20));
      }
      execFileSync(SSH_ADD, ['-q', path.join(dir, 'client')], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      const viaAgent = { ...target, auth: { kind: 'agent', socket } } satisfies SshTarget;
      h.pool.evict(target);
      expect((await h.pool.exec(viaAgent, 'echo via-agent')).stdout).toBe('via-agent\n');
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('refuses the connection as HOST_KEY_MISMATCH after sshd comes back with another host key', async () => {
    await stopSshd(sshd);
    const newFingerprint = keygen(path.join(dir, 'host_b'));
    writeConfig(path.join(dir, 'host_b'));
    sshd = await startSshd(config, port);
    h.pool.evict(target);
    const err = await sshRejection(h.pool.exec(target, 'echo should-not-run'));
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.details).toMatchObject({ keyType: 'ssh-ed25519', fingerprint: newFingerprint, previousFingerprint: hostFingerprint });
    expect(h.events.at(-1)).toMatchObject({ kind: 'mismatch', fingerprint: newFingerprint });
  });
});
