import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * The one place the project makes SSH keys (simulator host and client keys, test fixtures, bench).
 *
 * ssh2's own `utils.generateKeyPairSync('ed25519')` strips a leading zero byte from the public
 * key, so about 1 key in 256 is then rejected by its own `parseKey` (mscdex/ssh2#1390, #1513) and
 * a test run fails by chance. Here node:crypto makes the key and we write the OpenSSH
 * `openssh-key-v1` container ourselves, byte for byte as `ssh-keygen` does (PROTOCOL.key): the
 * raw 32-byte public key is taken whole from the JWK, so there is nothing to strip and no retry.
 */

export type SshKeyKind = 'ed25519' | 'ecdsa-p256';

export interface SshKeyPair {
  /** OpenSSH private key text (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted. */
  privateKey: string;
  /** One-line public key: `ssh-ed25519 AAAA… [comment]`. */
  publicKey: string;
  /** The public key blob (what fingerprints are computed over). */
  publicBlob: Buffer;
  /** `ssh-ed25519` or `ecdsa-sha2-nistp256`. */
  type: string;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

/** SSH `string`: uint32 length, then the bytes. */
function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([u32(bytes.length), bytes]);
}

/** SSH `mpint` of a positive big-endian magnitude: no leading zeros, one added if the top bit is set. */
function sshMpint(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  let body = magnitude.subarray(start);
  if (body.length > 0 && (body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return sshString(body);
}

function fromBase64Url(value: string | undefined, what: string): Buffer {
  if (!value) throw new Error(`key generation gave no ${what}`);
  return Buffer.from(value, 'base64url');
}

interface RawKey {
  type: string;
  publicBlob: Buffer;
  /** The key-specific part of the private section, after the check ints. */
  privateFields: Buffer;
}

function rawEd25519(): RawKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const pub = fromBase64Url(jwk.x, 'public key');
  const seed = fromBase64Url(jwk.d, 'private key');
  if (pub.length !== 32 || seed.length !== 32) throw new Error('ed25519 key of unexpected size');
  const type = 'ssh-ed25519';
  const publicBlob = Buffer.concat([sshString(type), sshString(pub)]);
  // OpenSSH stores the 64-byte "secret key" as seed || public key.
  const privateFields = Buffer.concat([sshString(type), sshString(pub), sshString(Buffer.concat([seed, pub]))]);
  return { type, publicBlob, privateFields };
}

function fixedWidth(value: Buffer, width: number): Buffer {
  if (value.length === width) return value;
  return Buffer.concat([Buffer.alloc(width - value.length), value]);
}

function rawEcdsaP256(): RawKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const x = fixedWidth(fromBase64Url(jwk.x, 'x'), 32);
  const y = fixedWidth(fromBase64Url(jwk.y, 'y'), 32);
  const d = fromBase64Url(jwk.d, 'private scalar');
  const type = 'ecdsa-sha2-nistp256';
  const point = Buffer.concat([Buffer.from([4]), x, y]);
  const publicBlob = Buffer.concat([sshString(type), sshString('nistp256'), sshString(point)]);
  const privateFields = Buffer.concat([sshString(type), sshString('nistp256'), sshString(point), sshMpint(d)]);
  return { type, publicBlob, privateFields };
}

/** The unencrypted `openssh-key-v1` container around one key, armoured like ssh-keygen does. */
function opensshPrivateKey(raw: RawKey, comment: string): string {
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, raw.privateFields, sshString(comment)]);
  // Pad with 1, 2, 3… to the cipher block size, 8 for "none".
  const padLength = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(Buffer.alloc(0)),
    u32(1),
    sshString(raw.publicBlob),
    sshString(section),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** A fresh SSH key pair in OpenSSH format; ed25519 unless told otherwise. */
export function generateSshKeyPair(kind: SshKeyKind = 'ed25519', comment = ''): SshKeyPair {
  const raw = kind === 'ed25519' ? rawEd25519() : rawEcdsaP256();
  const publicKey = `${raw.type} ${raw.publicBlob.toString('base64')}${comment ? ` ${comment}` : ''}`;
  return { privateKey: opensshPrivateKey(raw, comment), publicKey, publicBlob: raw.publicBlob, type: raw.type };
}
