import { z } from 'zod';
import { HostName, MonthlyCostUsd, NodeName, OwnerName, Port, ProviderName, Tag, type ImportFormat, type ImportRow } from '../../../../src-shared/contract';

/** One row a file proposes, before it is checked: `values` is untrusted. */
export interface Candidate {
  /** A label for the report when the row has no usable name (`row 7`). */
  label: string;
  values: Record<string, unknown>;
}

/** What a file holds, format-independent: rows, pins, revocations, and what was not understood. */
export interface ImportSource {
  format: ImportFormat;
  candidates: Candidate[];
  skip: { name: string; reason: string }[];
  pins: { host: string; port: number; keyType: string; fingerprint: string }[];
  revoked: { keyType: string; fingerprint: string }[];
  publicApi: string | null;
  notes: string[];
}

export function emptySource(format: ImportFormat): ImportSource {
  return { format, candidates: [], skip: [], pins: [], revoked: [], publicApi: null, notes: [] };
}

const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable());

/** The check every imported row passes, whatever file it came from. */
export const importRowSchema = z.object({
  name: NodeName,
  host: HostName,
  sshPort: z.preprocess((v) => (v === '' || v === undefined || v === null ? 22 : v), Port),
  apiPort: z.preprocess((v) => (v === '' || v === undefined || v === null ? 16127 : v), Port),
  username: optionalText(z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*$/i, 'is not a plain user name')),
  privateKeyPath: optionalText(z.string().trim().min(1).max(4096)),
  tags: z.preprocess((v) => v ?? [], z.array(Tag).max(32)),
  owner: optionalText(OwnerName),
  provider: optionalText(ProviderName),
  monthlyCostUsd: optionalText(MonthlyCostUsd),
});

/**
 * What each field must be, said once per field. zod's own messages ("Too big: expected number to
 * be <=65535") and paths are for developers; the report names the field as the file spells it.
 */
const FIELD_RULES: Record<string, string> = {
  name: 'name must be 1 to 64 letters, digits, spaces, dots, underscores or dashes',
  host: 'host must be a host name or IP address, without port or scheme',
  sshPort: 'sshPort must be a number from 1 to 65535',
  apiPort: 'apiPort must be a number from 1 to 65535',
  username: 'username must be a plain user name (letters, digits, . _ -), or left out for an API-only node',
  privateKeyPath: 'privateKeyPath must be a file path',
  tags: 'tags must be a list of words made of letters, digits and . _ : -',
  owner: "owner may use letters, digits, spaces and . _ & ' -",
  provider: 'provider may use letters, digits, spaces and . _ & -',
  monthlyCostUsd: 'monthlyCostUsd must be a number of US dollars from 0 to 1,000,000',
};

/** Checks one candidate; a failure is a sentence for the report, never a raw zod path or message. */
export function checkCandidate(candidate: Candidate): { ok: true; row: ImportRow } | { ok: false; reason: string } {
  const parsed = importRowSchema.safeParse(candidate.values);
  if (parsed.success) return { ok: true, row: { ...parsed.data, tags: [...new Set(parsed.data.tags)] } };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return { ok: false, reason: fields.map(fieldRule).join('; ') };
}

/** What a field of an imported row must be, in words (`sshPort must be a number from 1 to 65535`). */
export function fieldRule(field: string): string {
  return Object.hasOwn(FIELD_RULES, field) ? FIELD_RULES[field]! : `${field.slice(0, 40) || 'the entry'} is not valid here`;
}
