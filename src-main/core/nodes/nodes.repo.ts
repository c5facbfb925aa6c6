import type { NodeAuth, NodeRecord } from '../../../src-shared/contract';
import type { NodeIdentity } from '../../../src-shared/node-status';
import type { Db } from '../store/database';
import { camelized } from '../store/rows';
import { parseTagsColumn } from './tags-column';

interface NodeRow {
  id: number;
  name: string;
  host: string;
  ssh_port: number;
  api_port: number;
  username: string | null;
  auth_kind: NodeAuth['kind'];
  key_path: string | null;
  secret_ref: string | null;
  passphrase_ref: string | null;
  tags: string;
  owner_id: number | null;
  owner_name: string | null;
  provider: string | null;
  monthly_cost_cents: number | null;
  created_at: number;
  updated_at: number;
}

/** What the repo stores for a new node; secret refs point into the SecretStore, never at plaintext. */
export interface NewNode {
  name: string;
  host: string;
  sshPort: number;
  apiPort: number;
  username: string | null;
  authKind: NodeAuth['kind'];
  keyPath: string | null;
  secretRef: string | null;
  passphraseRef: string | null;
  tags: string[];
  ownerId?: number | null;
  provider?: string | null;
  monthlyCostUsd?: number | null;
}

/** Columns `update` may change (owner by id; cost in USD, stored as cents). */
export type NodeColumns = Partial<Omit<NewNode, 'secretRef' | 'passphraseRef'>>;

/** Where main finds a node's credentials; stays in main. */
export interface NodeCredentialRefs {
  keyPath: string | null;
  secretRef: string | null;
  passphraseRef: string | null;
}

export class NodesRepo {
  private readonly selectAll;
  private readonly selectIdentities;
  private readonly selectById;
  private readonly selectByName;
  private readonly insertNode;
  private readonly deleteNode;
  private readonly selectAtSsh;
  private readonly selectCredentials;

  constructor(readonly db: Db) {
    const select = 'SELECT nodes.*, owners.name AS owner_name FROM nodes LEFT JOIN owners ON owners.id = nodes.owner_id';
    this.selectAll = db.prepare<[], NodeRow>(`${select} ORDER BY nodes.name COLLATE NOCASE`);
    this.selectIdentities = db.prepare<[], Pick<NodeRow, 'id' | 'name' | 'host' | 'tags'>>('SELECT id, name, host, tags FROM nodes ORDER BY name COLLATE NOCASE');
    this.selectById = db.prepare<[number], NodeRow>(`${select} WHERE nodes.id = ?`);
    this.selectByName = db.prepare<[string], NodeRow>(`${select} WHERE nodes.name = ? COLLATE NOCASE`);
    this.insertNode = db.prepare(`INSERT INTO nodes
      (name, host, ssh_port, api_port, username, auth_kind, key_path, secret_ref, passphrase_ref, tags, owner_id, provider, monthly_cost_cents, created_at, updated_at)
      VALUES (@name, @host, @sshPort, @apiPort, @username, @authKind, @keyPath, @secretRef, @passphraseRef, @tags, @ownerId, @provider, @cents, @now, @now)`);
    this.deleteNode = db.prepare<[number]>('DELETE FROM nodes WHERE id = ?');
    this.selectAtSsh = db.prepare<[string, number], { id: number }>('SELECT id FROM nodes WHERE host = ? AND ssh_port = ?');
    this.selectCredentials = db.prepare<[number], Pick<NodeRow, 'key_path' | 'secret_ref' | 'passphrase_ref'>>(
      'SELECT key_path, secret_ref, passphrase_ref FROM nodes WHERE id = ?',
    );
  }

  list(): NodeRecord[] {
    return this.selectAll.all().map(toRecord);
  }

  /** `list()` with only what a status carries of its node: a quarter of the reading, for fleet-wide answers. */
  identities(): NodeIdentity[] {
    return this.selectIdentities.all().map((row) => ({ id: row.id, name: row.name, host: row.host, tags: parseTagsColumn(row.tags) }));
  }

  get(id: number): NodeRecord | undefined {
    const row = this.selectById.get(id);
    return row && toRecord(row);
  }

  findByName(name: string): NodeRecord | undefined {
    const row = this.selectByName.get(name);
    return row && toRecord(row);
  }

  /** Nodes reached over SSH at host:port (one machine can carry several UPnP nodes). */
  idsAtSshEndpoint(host: string, port: number): number[] {
    return this.selectAtSsh.all(host, port).map((row) => row.id);
  }

  /** Asked on every SSH poll: only the three columns, without the owner join. */
  credentialRefs(id: number): NodeCredentialRefs | undefined {
    const row = this.selectCredentials.get(id);
    return row && { keyPath: row.key_path, secretRef: row.secret_ref, passphraseRef: row.passphrase_ref };
  }

  insert(node: NewNode, now = Date.now()): NodeRecord {
    const info = this.insertNode.run({
      ...node,
      tags: JSON.stringify(node.tags),
      ownerId: node.ownerId ?? null,
      provider: node.provider ?? null,
      cents: toCents(node.monthlyCostUsd),
      now,
    });
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Changes the given columns of one node; returns the new record (undefined when the id is gone). */
  update(id: number, columns: NodeColumns, now = Date.now()): NodeRecord | undefined {
    const map: Record<string, [string, unknown]> = {
      name: ['name', columns.name],
      host: ['host', columns.host],
      sshPort: ['ssh_port', columns.sshPort],
      apiPort: ['api_port', columns.apiPort],
      username: ['username', columns.username],
      authKind: ['auth_kind', columns.authKind],
      keyPath: ['key_path', columns.keyPath],
      tags: ['tags', columns.tags && JSON.stringify(columns.tags)],
      ownerId: ['owner_id', columns.ownerId],
      provider: ['provider', columns.provider],
      monthlyCostUsd: ['monthly_cost_cents', toCents(columns.monthlyCostUsd)],
    };
    const sets = Object.keys(columns).filter((key) => key in map).map((key) => map[key]!);
    if (sets.length > 0) {
      // Column names come from the fixed map above, never from input.
      const sql = `UPDATE nodes SET ${sets.map(([column]) => `${column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`;
      this.db.prepare(sql).run(...sets.map(([, value]) => value ?? null), now, id);
    }
    return this.get(id);
  }

  /** Runs `work` in one immediate transaction (imports and bulk edits land whole or not at all). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Inserts many nodes in one transaction: an import either lands whole or not at all. */
  insertMany(nodes: readonly NewNode[], now = Date.now()): NodeRecord[] {
    return this.db.transaction(() => nodes.map((node) => this.insert(node, now))).immediate();
  }

  remove(id: number): boolean {
    return this.deleteNode.run(id).changes > 0;
  }
}

function toRecord(row: NodeRow): NodeRecord {
  const { id, name, host, sshPort, apiPort, username, tags, createdAt, updatedAt } = camelized(row);
  return {
    id,
    name,
    host,
    sshPort,
    apiPort,
    username,
    auth: toAuth(row),
    tags: parseTagsColumn(tags),
    owner: row.owner_name ?? null,
    provider: row.provider ?? null,
    monthlyCostUsd: row.monthly_cost_cents === null || row.monthly_cost_cents === undefined ? null : row.monthly_cost_cents / 100,
    createdAt,
    updatedAt,
  };
}

function toAuth(row: NodeRow): NodeAuth {
  switch (row.auth_kind) {
    case 'key-file':
      return { kind: 'key-file', path: row.key_path ?? '', hasPassphrase: row.passphrase_ref !== null };
    case 'key':
      return { kind: 'key', hasPassphrase: row.passphrase_ref !== null };
    case 'agent':
      return { kind: 'agent' };
    case 'password':
      return { kind: 'password' };
    default:
      return { kind: 'none' };
  }
}

function toCents(usd: number | null | undefined): number | null {
  return usd === null || usd === undefined ? null : Math.round(usd * 100);
}

