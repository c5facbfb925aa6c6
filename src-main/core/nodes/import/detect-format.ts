import type { ImportFormat } from '../../../../src-shared/contract';
import { AppError } from '../../errors';

const SSH_KEYWORDS = /^(host|match|include|hostname|user|port|identityfile|proxyjump|forwardagent|serveraliveinterval)\b/i;
const KNOWN_HOSTS_LINE = /^(@revoked\s|@cert-authority\s|\|1\||\S+\s+(ssh-|ecdsa-|sk-)\S+\s+[A-Za-z0-9+/]{20,})/;

/** Guesses a file's format from its first meaningful line (an explicit --format always wins). */
export function detectFormat(text: string): ImportFormat {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (first.startsWith('{') || first.startsWith('[')) return 'inventory';
  if (KNOWN_HOSTS_LINE.test(first)) return 'known-hosts';
  if (SSH_KEYWORDS.test(first)) return 'ssh-config';
  if (/[,;]/.test(first) && /\bname\b/i.test(first) && /\bhost\b/i.test(first)) return 'csv';
  throw new AppError('BAD_INPUT', 'Cannot tell the file format: give --format inventory|ssh-config|csv|known-hosts');
}
