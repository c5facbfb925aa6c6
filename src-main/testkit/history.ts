import path from 'node:path';
import type { NodeStatus } from '../../src-shared/contract';
import { openDatabase, type Db } from '../core/store/database';
import { migration001 } from '../core/store/migrations/001-initial';
import { migration002 } from '../core/store/migrations/002-host-keys';
import { migration003 } from '../core/store/migrations/003-history';
import { migration010 } from '../core/store/migrations/010-app-history';
import { migration011 } from '../core/store/migrations/011-earning-uptime';
import { migration014 } from '../core/store/migrations/014-uptime-counts';
import { migration015 } from '../core/store/migrations/015-lean-node-status';
import { migration016 } from '../core/store/migrations/016-recent-samples';
import { migration017 } from '../core/store/migrations/017-period-samples';
import { blankStatus } from '../../src-shared/node-status';

/** Opens a real database file with the schema up to history (001–003, plus 010 for the app metrics, 011 and 014 for the roll-ups' earning and up counts, 015 for the latest status as written today, 016 and 017 for the levels of raw samples). */
export function openHistoryDb(dir: string, name = 'history.db'): Db {
  return openDatabase(path.join(dir, name), { migrations: [migration001, migration002, migration003, migration010, migration011, migration014, migration015, migration016, migration017] });
}

/** Inserts `count` nodes named node-1… and returns their ids. */
export function addNodes(db: Db, count: number, startAt = 1): number[] {
  const insert = db.prepare("INSERT INTO nodes (name, host, api_port, created_at, updated_at) VALUES (?, ?, 16127, 0, 0) RETURNING id");
  return db.transaction(() => {
    const ids: number[] = [];
    for (let i = startAt; i < startAt + count; i++) {
      const row = insert.get(`node-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`) as { id: number };
      ids.push(row.id);
    }
    return ids;
  })();
}

/** A healthy, confirmed, benchmarked status; override what a test is about. */
export function okStatus(nodeId: number, at: number, overrides: Partial<NodeStatus> = {}): NodeStatus {
  const base = blankStatus({ id: nodeId, name: `node-${nodeId}`, host: `10.0.0.${nodeId % 256}`, tags: [] }, 'ok');
  return {
    ...base,
    fluxnode: {
      status: 'CONFIRMED', tier: 'CUMULUS', txhash: 'a'.repeat(64), outidx: 0, amount: 1000, paymentAddress: 't1abc', ip: base.host,
      addedHeight: 1, confirmedHeight: 2, lastConfirmedHeight: 100, lastPaidHeight: 50, activeSince: 1, lastPaid: null, rank: 10,
    },
    benchmark: { status: 'CUMULUS', cores: 4, ramGb: 8, ssdGb: 220, eps: 300, ddwrite: 400, downloadMbps: 100, uploadMbps: 100, error: null, version: '6.3.1' },
    daemon: { blocks: 2_000_000, version: '8.0.0', connections: 8 },
    system: { diskTotalBytes: 1000, diskFreeBytes: 250, memTotalBytes: 8000, memAvailableBytes: 2000, load1: 0.5, cores: 4, arch: 'amd64' },
    blocksBehind: 0,
    lastPolledAt: at,
    lastOkAt: at,
    ...overrides,
  };
}
