import path from 'node:path';
import type { NodeStatus } from '../../src-shared/contract/fleet.contract';
import { openDatabase, type Db } from '../core/store/database';
import { migration001 } from '../core/store/migrations/001-initial';
import { migration002 } from '../core/store/migrations/002-host-keys';
import { migration003 } from '../core/store/migrations/003-history';
import { migration004 } from '../core/store/migrations/004-ledger';

/** Test helpers for rewards and collateral: a real database with the schema up to the ledger (001–004). */
export function openLedgerDb(dir: string, name = 'rewards.db'): Db {
  return openDatabase(path.join(dir, name), { migrations: [migration001, migration002, migration003, migration004] });
}

/** Inserts nodes (name, tags) and returns their ids in order. */
export function addNodes(db: Db, nodes: { name: string; tags?: string[] }[]): number[] {
  const insert = db.prepare('INSERT INTO nodes (name, host, api_port, tags, created_at, updated_at) VALUES (?, ?, 16127, ?, 0, 0) RETURNING id');
  return nodes.map((n, i) => (insert.get(n.name, `10.0.0.${i + 1}`, JSON.stringify(n.tags ?? [])) as { id: number }).id);
}

export const TXID = 'c0ffee'.padEnd(64, '0');

/** A confirmed node status at `height`; override what a test is about. */
export function nodeStatus(
  nodeId: number,
  height: number,
  fluxnode: Partial<NonNullable<NodeStatus['fluxnode']>> = {},
  overrides: Partial<NodeStatus> = {},
): NodeStatus {
  return {
    nodeId,
    name: `node-${nodeId}`,
    host: `10.0.0.${nodeId}`,
    tags: [],
    health: 'ok',
    problems: [],
    fluxnode: {
      status: 'CONFIRMED',
      tier: 'CUMULUS',
      txhash: TXID,
      outidx: nodeId,
      amount: 1000,
      paymentAddress: 't1abc',
      ip: `10.0.0.${nodeId}`,
      addedHeight: 2_100_000,
      confirmedHeight: 2_100_010,
      lastConfirmedHeight: height - 10,
      lastPaidHeight: null,
      activeSince: 1_700_000_000,
      lastPaid: null,
      rank: null,
      ...fluxnode,
    },
    benchmark: null,
    daemon: { blocks: height, version: '9.0.6', connections: 8 },
    flux: { version: '7.0.0', arcaneOS: false, uptimeSeconds: 1000 },
    system: null,
    services: null,
    referenceHeight: height,
    blocksBehind: 0,
    confirmInBlocks: null,
    maintenanceWindowBlocks: null,
    maintenanceWindowSeconds: null,
    nextPaymentSeconds: null,
    apps: [],
    lastPolledAt: 1_800_000_000_000,
    lastOkAt: 1_800_000_000_000,
    ...overrides,
  };
}
