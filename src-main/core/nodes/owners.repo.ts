import type { Db } from '../store/database';

export interface OwnerRecord {
  id: number;
  name: string;
  addresses: string[];
  note: string;
}

interface OwnerRow {
  id: number;
  name: string;
  addresses: string;
  note: string;
}

/** Owners (migration 007): the people or clients an MSP runs nodes for. Names are unique, case-insensitive. */
export class OwnersRepo {
  private readonly all;
  private readonly byName;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(db: Db) {
    this.all = db.prepare<[], OwnerRow>('SELECT id, name, addresses, note FROM owners ORDER BY name COLLATE NOCASE');
    this.byName = db.prepare<[string], OwnerRow>('SELECT id, name, addresses, note FROM owners WHERE name = ? COLLATE NOCASE');
    this.insertStmt = db.prepare<[string, string, string, number, number]>('INSERT INTO owners (name, addresses, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    this.updateStmt = db.prepare<[string, string, number, number]>('UPDATE owners SET addresses = ?, note = ?, updated_at = ? WHERE id = ?');
  }

  list(): OwnerRecord[] {
    return this.all.all().map(toOwner);
  }

  findByName(name: string): OwnerRecord | undefined {
    const row = this.byName.get(name);
    return row && toOwner(row);
  }

  /** The owner of that name, created when missing (imports and edits name owners by name). */
  ensure(name: string, now = Date.now()): OwnerRecord {
    const found = this.findByName(name);
    if (found) return found;
    this.insertStmt.run(name, '[]', '', now, now);
    return this.findByName(name)!;
  }

  /** Creates or edits an owner from the owners page: the note and the address list are replaced as given. */
  save(name: string, edit: { note?: string; addresses?: readonly string[] }, now = Date.now()): OwnerRecord {
    const owner = this.ensure(name, now);
    const addresses = edit.addresses ? [...new Set(edit.addresses)] : owner.addresses;
    this.updateStmt.run(JSON.stringify(addresses), edit.note ?? owner.note, now, owner.id);
    return this.findByName(name)!;
  }

  /** Creates or updates an owner, merging payment addresses (never dropping one silently). */
  upsert(name: string, addresses: readonly string[], note?: string, now = Date.now()): OwnerRecord {
    const owner = this.ensure(name, now);
    const merged = [...new Set([...owner.addresses, ...addresses])];
    this.updateStmt.run(JSON.stringify(merged), note ?? owner.note, now, owner.id);
    return this.findByName(name)!;
  }
}

/** What `owners:list` shows: each owner with its node count. */
export function ownerViews(owners: readonly OwnerRecord[], nodes: readonly { owner?: string | null }[]): (OwnerRecord & { nodes: number })[] {
  const counts = new Map<string, number>();
  for (const node of nodes) if (node.owner) counts.set(node.owner.toLowerCase(), (counts.get(node.owner.toLowerCase()) ?? 0) + 1);
  return owners.map((o) => ({ ...o, nodes: counts.get(o.name.toLowerCase()) ?? 0 }));
}

function toOwner(row: OwnerRow): OwnerRecord {
  const parsed: unknown = JSON.parse(row.addresses);
  return { id: row.id, name: row.name, note: row.note, addresses: Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [] };
}
