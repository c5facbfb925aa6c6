import type Database from 'better-sqlite3';
import { camelized } from '../store/rows';

/** Where a pin came from. */
export type HostKeySource = 'tofu' | 'inventory' | 'known_hosts' | 'user';

/** One pinned host key. */
export interface HostKeyPin {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  source: HostKeySource;
  firstSeen: number;
  lastSeen: number;
}

interface Row {
  host: string;
  port: number;
  key_type: string;
  fingerprint: string;
  source: HostKeySource;
  first_seen: number;
  last_seen: number;
}

function toPin(r: Row): HostKeyPin {
  return camelized(r);
}

/** The `host_keys` table (migration 002). Host names are stored lowercased. */
export class HostKeysRepo {
  private readonly byHost;
  private readonly one;
  private readonly insertStmt;
  private readonly replaceStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly allStmt;

  constructor(db: Database.Database) {
    this.byHost = db.prepare<[string, number], Row>('SELECT * FROM host_keys WHERE host = ? AND port = ? ORDER BY key_type');
    this.one = db.prepare<[string, number, string], Row>('SELECT * FROM host_keys WHERE host = ? AND port = ? AND key_type = ?');
    this.insertStmt = db.prepare<[string, number, string, string, HostKeySource, number, number]>(
      `INSERT INTO host_keys (host, port, key_type, fingerprint, source, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.replaceStmt = db.prepare<[string, HostKeySource, number, number, string, number, string]>(
      `UPDATE host_keys SET fingerprint = ?, source = ?, first_seen = ?, last_seen = ?
       WHERE host = ? AND port = ? AND key_type = ?`,
    );
    this.touchStmt = db.prepare<[number, string, number, string]>(
      'UPDATE host_keys SET last_seen = ? WHERE host = ? AND port = ? AND key_type = ?',
    );
    this.deleteStmt = db.prepare<[string, number]>('DELETE FROM host_keys WHERE host = ? AND port = ?');
    this.allStmt = db.prepare<[], Row>('SELECT * FROM host_keys ORDER BY host, port, key_type');
  }

  list(host: string, port: number): HostKeyPin[] {
    return this.byHost.all(host.toLowerCase(), port).map(toPin);
  }

  get(host: string, port: number, keyType: string): HostKeyPin | undefined {
    const row = this.one.get(host.toLowerCase(), port, keyType);
    return row ? toPin(row) : undefined;
  }

  all(): HostKeyPin[] {
    return this.allStmt.all().map(toPin);
  }

  /** Adds a pin; fails (SQLITE_CONSTRAINT) if one exists for this host, port and type. */
  insert(pin: Omit<HostKeyPin, 'firstSeen' | 'lastSeen'>, now: number): void {
    this.insertStmt.run(pin.host.toLowerCase(), pin.port, pin.keyType, pin.fingerprint, pin.source, now, now);
  }

  /** Replaces the fingerprint of an existing pin; returns whether one existed. */
  replace(pin: Omit<HostKeyPin, 'firstSeen' | 'lastSeen'>, now: number): boolean {
    const r = this.replaceStmt.run(pin.fingerprint, pin.source, now, now, pin.host.toLowerCase(), pin.port, pin.keyType);
    return r.changes > 0;
  }

  touch(host: string, port: number, keyType: string, now: number): void {
    this.touchStmt.run(now, host.toLowerCase(), port, keyType);
  }

  /** Forgets every pin of a host and port (node removed). */
  forget(host: string, port: number): number {
    return this.deleteStmt.run(host.toLowerCase(), port).changes;
  }
}
