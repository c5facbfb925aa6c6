import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { keyFileProblem, readKeyFile } from './key-file';
import { resolveAuth } from './ssh-auth';

const temp = makeTempDir('fluxdeck-keyfile-');
afterAll(() => temp.cleanup());
const posix = process.platform !== 'win32';

describe('private key paths are checked before anything is read', () => {
  it('refuses /dev/zero as a character device, without reading it', async () => {
    expect(keyFileProblem('/dev/zero')).toBe('/dev/zero is a character device, not a private key file');
    await expect(readKeyFile('/dev/zero')).rejects.toThrow('character device');
  });

  it('refuses a symlink to a device, a directory, and a file over 64 KiB', () => {
    const link = path.join(temp.dir, 'id_link');
    symlinkSync('/dev/zero', link);
    expect(keyFileProblem(link)).toMatch(/character device/);
    const dir = path.join(temp.dir, 'a-dir');
    mkdirSync(dir);
    expect(keyFileProblem(dir)).toMatch(/is a directory/);
    const big = path.join(temp.dir, 'big');
    writeFileSync(big, Buffer.alloc(64 * 1024 + 1, 0x41));
    expect(keyFileProblem(big)).toMatch(/65537 bytes, too large/);
  });

  it.runIf(posix)('refuses a named pipe without blocking on it', async () => {
    const fifo = path.join(temp.dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readKeyFile(fifo)).rejects.toThrow('named pipe');
  });

  it.runIf(posix && process.getuid?.() === 0)('refuses a key file owned by another user', () => {
    const foreign = path.join(temp.dir, 'foreign');
    writeFileSync(foreign, 'key', { mode: 0o600 });
    chownSync(foreign, 65534, 65534);
    expect(keyFileProblem(foreign)).toMatch(/owned by uid 65534/);
  });

  it('reads a normal key file, also through a symlink', async () => {
    const file = path.join(temp.dir, 'id_ok');
    writeFileSync(file, 'PRIVATE', { mode: 0o600 });
    const link = path.join(temp.dir, 'id_ok_link');
    symlinkSync(file, link);
    expect((await readKeyFile(file)).toString()).toBe('PRIVATE');
    expect((await readKeyFile(link)).toString()).toBe('PRIVATE');
  });

  it('turns a refused path into AUTH_FAILED naming the reason, at connect time', async () => {
    await expect(resolveAuth({ kind: 'key-file', path: '/dev/zero' }, new MemorySecretStore(), 'n1')).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('/dev/zero is a character device') as string,
    });
  });
});
