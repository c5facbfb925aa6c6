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

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  host: 'host',
  sshPort: 'SSH port',
  apiPort: 'API port',
  username: 'user',
  privateKeyPath: 'key path',
  tags: 'tags',
  owner: 'owner',
  provider: 'provider',
  monthlyCostUsd: 'monthly cost',
};

/** Checks one candidate; a failure is a sentence for the report, never a raw zod path. */
export function checkCandidate(candidate: Candidate): { ok: true; row: ImportRow } | { ok: false; reason: string } {
  const parsed = importRowSchema.safeParse(candidate.values);
  if (parsed.success) return { ok: true, row: { ...parsed.data, tags: [...new Set(parsed.data.tags)] } };
  const reason = parsed.error.issues
    .map((issue) => {
      const field = FIELD_WORDS[String(issue.path[0] ?? '')] ?? String(issue.path[0] ?? 'row');
      return `${field}: ${issue.code === 'invalid_type' ? 'has the wrong kind of value' : issue.message}`;
    })
    .join('; ');
  return { ok: false, reason };
}
