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
  /** The owner's name (an MSP's client), the hosting provider and the monthly cost in USD. */
  owner: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  monthlyCostUsd: z.number().nullable().optional(),
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

export const ImportFormat = z.enum(['inventory', 'ssh-config', 'csv', 'known-hosts']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const OwnerName = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._&'-]*$/u, 'Owner may use letters, digits, space and . _ & \' -');
export const ProviderName = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._&-]*$/u, 'Provider may use letters, digits, space and . _ & -');
export const MonthlyCostUsd = z.number().min(0, 'Cost cannot be negative').max(1_000_000);

/** One node as an import would register it (the `--json` row shape). */
export const ImportRow = z.object({
  name: z.string(),
  host: z.string(),
  sshPort: z.number().int(),
  apiPort: z.number().int(),
  username: z.string().nullable(),
  privateKeyPath: z.string().nullable(),
  tags: z.array(z.string()),
  owner: z.string().nullable(),
  provider: z.string().nullable(),
  monthlyCostUsd: z.number().nullable(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportPin = z.object({ host: z.string(), port: z.number().int(), keyType: z.string(), fingerprint: z.string() });

/** What an import would do, before anything is written. */
export const ImportPlan = z.object({
  format: ImportFormat,
  add: z.array(ImportRow),
  update: z.array(ImportRow),
  skip: z.array(z.object({ name: z.string(), reason: z.string() })),
  hostKeys: z.object({
    pins: z.array(ImportPin),
    /** Keys a known_hosts file marks `@revoked`: refused from then on, whoever presents them. */
    revoked: z.array(z.object({ keyType: z.string(), fingerprint: z.string() })),
  }),
  /** The file's public-API URL; applied only when asked (`--set-public-api`), and only https. */
  publicApi: z.string().nullable(),
  /** Things the user should know that are not rows: Match blocks, unknown columns, cert-authority lines. */
  notes: z.array(z.string()),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

export const ImportResult = ImportPlan.extend({
  hostKeysApplied: z.object({ imported: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int(), revoked: z.number().int() }),
  publicApiApplied: z.boolean(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportInput = z.object({
  text: z.string().max(32 * 1024 * 1024),
  format: ImportFormat.optional(),
  /** Apply the file's public-API URL (never silently). */
  setPublicApi: z.boolean().default(false),
}).strict();

/** Fields `nodes:update` may change; absent fields stay as they are. */
export const NodePatch = z.object({
  name: NodeName,
  host: HostName,
  sshPort: Port,
  apiPort: Port,
  username: z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*$/i, 'Not a valid user name').nullable(),
  privateKeyPath: z.string().trim().min(1).max(1024).nullable(),
  tags: z.array(Tag).max(32),
  owner: OwnerName.nullable(),
  provider: ProviderName.nullable(),
  monthlyCostUsd: MonthlyCostUsd.nullable(),
}).partial().strict();
export type NodePatch = z.infer<typeof NodePatch>;

export const BulkPatch = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(20000),
  addTags: z.array(Tag).max(32).default([]),
  removeTags: z.array(Tag).max(32).default([]),
  owner: OwnerName.nullable().optional(),
  provider: ProviderName.nullable().optional(),
}).strict();

/** A Flux payment address (t1…/t3…) as the deterministic list writes it. */
export const PaymentAddress = z.string().trim().regex(/^[A-Za-z0-9]{20,64}$/, 'That is not a Flux payment address');
/** A Flux ID (ZelID): a Bitcoin-style address, 26 to 35 characters (fluxstats verifyZelID). */
export const FluxId = z.string().trim().regex(/^[A-Za-z0-9]{25,36}$/, 'That is not a Flux ID');

/** Wallet / Flux ID discovery: whose nodes to look up in the public deterministic list, and under which owner. */
export const DiscoverInput = z
  .object({ owner: OwnerName, addresses: z.array(PaymentAddress).max(200).default([]), fluxId: FluxId.optional() })
  .strict()
  .refine((input) => input.addresses.length > 0 || input.fluxId !== undefined, 'Give at least one payment address or a Flux ID');
export type DiscoverInput = z.input<typeof DiscoverInput>;

/** One node the public lists have for the addresses or Flux ID. */
export const DiscoveredNode = z.object({
  ip: z.string(),
  tier: z.string().nullable(),
  /** CONFIRMED for nodes in the deterministic list (fluxd lists confirmed nodes only). */
  status: z.string(),
  txid: z.string(),
  outidx: z.number().int(),
  paymentAddress: z.string(),
});
export type DiscoveredNode = z.infer<typeof DiscoveredNode>;

export const DiscoverPlan = ImportPlan.extend({ found: z.array(DiscoveredNode) });
export type DiscoverPlan = z.infer<typeof DiscoverPlan>;
export const DiscoverResult = ImportResult.extend({ found: z.array(DiscoveredNode) });
export type DiscoverResult = z.infer<typeof DiscoverResult>;

export const nodesChannels = {
  'nodes:list': channel(z.object({}).strict(), z.array(NodeRecord)),
  'nodes:add': channel(AddNodeInput, NodeRecord),
  'nodes:remove': channel(RemoveNodeInput, z.object({ removed: NodeRecord })),
  /** What importing a file (inventory JSON, ssh config, CSV, known_hosts) would do; writes nothing. */
  'nodes:importPreview': channel(ImportInput, ImportPlan),
  /** Imports a file in one transaction: nodes, owners, host-key pins and revocations land whole or not at all. */
  'nodes:import': channel(ImportInput, ImportResult),
  /** The nodes the public deterministic list has for payment addresses or a Flux ID, as an import would add them; writes nothing. */
  'nodes:discoverPreview': channel(DiscoverInput, DiscoverPlan),
  /** Adds them as API-only nodes under the owner (recording the addresses on it), in one transaction. */
  'nodes:discover': channel(DiscoverInput, DiscoverResult),
  'nodes:update': channel(z.object({ id: z.number().int().positive(), patch: NodePatch }).strict(), NodeRecord),
  /** Tags, owner or provider for many nodes at once; the previous values are kept for one undo. */
  'nodes:bulkUpdate': channel(BulkPatch, z.object({ changed: z.number().int() })),
  'nodes:undoBulk': channel(z.object({}).strict(), z.object({ restored: z.number().int() })),
  /** Connects once with "ask" semantics: nothing is pinned or sent before the user decides. */
  'nodes:checkSsh': channel(z.object({ id: z.number().int().positive() }).strict(), SshCheck),
};

