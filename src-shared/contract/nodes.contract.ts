import { z } from 'zod';
import { channel } from './define';
import { SshCheck } from './hostkeys.contract';

/** Names are shown everywhere and used on the CLI: keep them printable and short. */
export const NodeName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(64, 'Name is at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'Name may use letters, digits, space, dot, underscore and dash');

/** A DNS name, IPv4 or bracket-free IPv6 literal; no scheme, path or port. */
export const HostName = z
  .string()
  .trim()
  .min(1, 'Host is required')
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^[0-9A-Fa-f:.]+$/, 'Host must be a host name or IP address, without port or scheme');

export const Port = z.number().int().min(1).max(65535);

export const Tag = z.string().trim().min(1).max(32).regex(/^[\p{L}\p{N}._:-]+$/u, 'Tags use letters, digits and . _ : -');

/** How main authenticates over SSH; secrets themselves never cross the contract. */
export const NodeAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('key-file'), path: z.string().min(1).max(1024), hasPassphrase: z.boolean() }),
  z.object({ kind: z.literal('key'), hasPassphrase: z.boolean() }),
  z.object({ kind: z.literal('agent') }),
  z.object({ kind: z.literal('password') }),
]);
export type NodeAuth = z.infer<typeof NodeAuth>;

export const NodeRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  host: z.string(),
  sshPort: z.number().int(),
  apiPort: z.number().int(),
  username: z.string().nullable(),
  auth: NodeAuth,
  tags: z.array(z.string()),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type NodeRecord = z.infer<typeof NodeRecord>;

/** Credentials as the user enters them; secret fields are consumed by main and never echoed back. */
export const NodeCredentialsInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('key-file'),
    path: z.string().trim().min(1, 'Key file path is required').max(1024),
    passphrase: z.string().max(1024).optional(),
  }),
  z.object({
    kind: z.literal('key'),
    privateKey: z.string().min(1, 'Paste the private key').max(16_384),
    passphrase: z.string().max(1024).optional(),
  }),
  z.object({ kind: z.literal('agent') }),
  z.object({ kind: z.literal('password'), password: z.string().min(1).max(1024) }),
]);
export type NodeCredentialsInput = z.infer<typeof NodeCredentialsInput>;

export const AddNodeInput = z.object({
  name: NodeName,
  host: HostName,
  sshPort: Port.default(22),
  apiPort: Port.default(16127),
  username: z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*$/i, 'Not a valid user name').nullable().default(null),
  credentials: NodeCredentialsInput.default({ kind: 'none' }),
  tags: z.array(Tag).max(32).default([]),
});
export type AddNodeInput = z.input<typeof AddNodeInput>;

export const RemoveNodeInput = z.object({ id: z.number().int().positive() }).strict();

export const ImportReport = z.object({
  added: z.array(z.string()),
  skipped: z.array(z.string()),
  hostKeys: z.object({ imported: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() }),
  publicApi: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const nodesChannels = {
  'nodes:list': channel(z.object({}).strict(), z.array(NodeRecord)),
  'nodes:add': channel(AddNodeInput, NodeRecord),
  'nodes:remove': channel(RemoveNodeInput, z.object({ removed: NodeRecord })),
  /** Bulk onboarding from an inventory document (the JSON `fluxdeck sim` writes, or a hand-written list). */
  'nodes:import': channel(z.object({ inventory: z.unknown() }).strict(), ImportReport),
  /** Connects once with "ask" semantics: nothing is pinned or sent before the user decides. */
  'nodes:checkSsh': channel(z.object({ id: z.number().int().positive() }).strict(), SshCheck),
};

