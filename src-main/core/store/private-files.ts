import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

/**
 * The data dir holds the database (node addresses, pinned host keys, sealed secrets, history):
 * nobody but the user should read it. Like OpenSSH with ~/.ssh, the dir is 0700 and each file in
 * it 0600, created that way and tightened on open when an older FluxDeck left them 0755 / 0644.
 * Windows has no POSIX modes (ACLs inherit from the user profile), so there this is a no-op.
 */

const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function ownedByUs(path: string): boolean {
  // Never chmod what belongs to someone else (a data dir on a shared mount): it would fail anyway.
  return typeof process.getuid !== 'function' || lstatSync(path).uid === process.getuid();
}

/** Creates `dir` (and parents) if needed; the dir itself ends up 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX && ownedByUs(dir) && (lstatSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens an existing file to 0600; a missing one is left missing. */
export function tightenFile(file: string): void {
  if (!POSIX || !existsSync(file)) return;
  const stat = lstatSync(file);
  if (!stat.isFile() || !ownedByUs(file)) return;
  if ((stat.mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates `file` empty with mode 0600 unless it exists, then tightens it: no 0644 window. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tightenFile(file);
}

/** Writes an exported file (CSV, backup…) readable by the user only, even when it existed before. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  tightenFile(file);
}

/** The database and the two files SQLite keeps beside it in WAL mode. */
export function tightenDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) tightenFile(`${file}${suffix}`);
}
