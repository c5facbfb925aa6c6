import type { NodeAuth, NodeRecord } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { camelized } from '../store/rows';

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
}

/** Where main finds a node's credentials; stays in main. */
export interface NodeCredentialRefs {
  keyPath: string | null;
  secretRef: string | null;
  passphraseRef: string | null;
}

export class NodesRepo {
  private readonly selectAll;
  private readonly selectById;
  private readonly selectByName;
  private readonly insertNode;
  private readonly deleteNode;
  private readonly selectAtSsh;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare<[], NodeRow>('SELECT * FROM nodes ORDER BY name COLLATE NOCASE');
    this.selectById = db.prepare<[number], NodeRow>('SELECT * FROM nodes WHERE id = ?');
    this.selectByName = db.prepare<[string], NodeRow>('SELECT * FROM nodes WHERE name = ? COLLATE NOCASE');
    this.insertNode = db.prepare(`INSERT INTO nodes
      (name, host, ssh_port, api_port, username, auth_kind, key_path, secret_ref, passphrase_ref, tags, created_at, updated_at)
      VALUES (@name, @host, @sshPort, @apiPort, @username, @authKind, @keyPath, @secretRef, @passphraseRef, @tags, @now, @now)`);
    this.deleteNode = db.prepare<[number]>('DELETE FROM nodes WHERE id = ?');
    this.selectAtSsh = db.prepare<[string, number], { id: number }>('SELECT id FROM nodes WHERE host = ? AND ssh_port = ?');
  }

  list(): NodeRecord[] {
    return this.selectAll.all().map(toRecord);
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

  credentialRefs(id: number): NodeCredentialRefs | undefined {
    const row = this.selectById.get(id);
    return row && { keyPath: row.key_path, secretRef: row.secret_ref, passphraseRef: row.passphrase_ref };
  }

  insert(node: NewNode, now = Date.now()): NodeRecord {
    const info = this.insertNode.run({ ...node, tags: JSON.stringify(node.tags), now });
    return this.get(Number(info.lastInsertRowid))!;
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
  return { id, name, host, sshPort, apiPort, username, auth: toAuth(row), tags: parseTags(tags), createdAt, updatedAt };
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

function parseTags(raw: string): string[] {
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
}
