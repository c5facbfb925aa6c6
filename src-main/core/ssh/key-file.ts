import { constants, lstatSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A private key path comes from an inventory, `nodes add --key` or `nodes:add`: it is input.
 * `/dev/zero` used to be read without bound on every poll (6 GB in 22 s). So, before anything is
 * read: lstat, then the file must be a regular file (a symlink is followed once, as OpenSSH
 * does, but its target must be a regular file too), at most 64 KiB (an RSA-16384 key in OpenSSH
 * format is under 13 KiB) and owned by the user running FluxDeck. The read itself re-checks the
 * opened descriptor, so a file swapped after the check is still never read past the limit.
 */

export const MAX_KEY_FILE_BYTES = 64 * 1024;

function describeType(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function problemOf(path: string, stat: Stats): string | undefined {
  if (!stat.isFile()) return `${path} is ${describeType(stat)}, not a private key file`;
  if (stat.size > MAX_KEY_FILE_BYTES) return `${path} is ${stat.size} bytes, too large to be a private key (at most 64 KiB)`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && stat.uid !== uid) return `${path} is owned by uid ${stat.uid}, not by the user running FluxDeck (uid ${uid})`;
  return undefined;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
}

/** Why `path` may not be used as a private key file, or undefined when it may. Never reads it. */
export function keyFileProblem(path: string): string | undefined {
  try {
    const link = lstatSync(path);
    return problemOf(path, link.isSymbolicLink() ? statSync(path) : link);
  } catch (error) {
    return `Key file ${path} does not exist or is not readable (${errorCode(error)})`;
  }
}

/** Reads a private key file after the checks above; throws an Error whose message is the reason. */
export async function readKeyFile(path: string): Promise<Buffer> {
  const problem = keyFileProblem(path);
  if (problem) throw new Error(problem);
  // O_NONBLOCK: a path swapped for a FIFO between the check and here must not hang the poll.
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(`Cannot read the private key file ${path} (${errorCode(error)})`);
  }
  try {
    const opened = await handle.stat();
    const again = problemOf(path, opened);
    if (again) throw new Error(again);
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_KEY_FILE_BYTES) throw new Error(`${path} is too large to be a private key (at most 64 KiB)`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
