import { describe, expect, it } from 'vitest';
import { FleetTable, type FleetRowStatus } from './contract/fleet.contract';
import { decodeFleetTable, encodeFleetTable } from './fleet-table';

const row = (nodeId: number, overrides: Partial<FleetRowStatus> = {}): FleetRowStatus => ({
  nodeId,
  name: `node-${nodeId}`,
  host: `10.0.0.${nodeId}:16127`,
  tags: ['eu'],
  health: 'ok',
  problem: null,
  problemCount: 0,
  tier: 'CUMULUS',
  nodeStatus: 'CONFIRMED',
  rank: nodeId,
  nextPaymentSeconds: 3600,
  maintenanceWindowBlocks: 100,
  maintenanceWindowSeconds: 12_000,
  benchStatus: 'CUMULUS',
  eps: 240.5,
  blocksBehind: 0,
  arcaneOS: false,
  appCount: 2,
  wallet: 't1wallet',
  lastPolledAt: 1_764_670_000_000,
  lastOkAt: 1_764_670_000_000,
  ...overrides,
});

const rows = [
  row(1),
  row(2, { health: 'warning', problem: { code: 'LOW_EPS', severity: 'warning', message: 'EPS is low' }, problemCount: 3, tags: [] }),
  row(3, { health: 'unknown', tier: null, nodeStatus: null, rank: null, eps: null, arcaneOS: null, wallet: null, lastPolledAt: null, lastOkAt: null }),
];

describe('fleet table (the columnar fleet:status snapshot)', () => {
  it('gives back the same rows, in order, at the same stream position', () => {
    const table = encodeFleetTable({ stream: 'run-1', seq: 7, rows });
    const wire = JSON.parse(JSON.stringify(table)) as unknown;
    expect(decodeFleetTable(FleetTable.parse(wire))).toEqual({ stream: 'run-1', seq: 7, rows });
  });

  it('sends each field name once, whatever the number of rows', () => {
    const many = Array.from({ length: 500 }, (_, i) => row(i + 1));
    const json = JSON.stringify(encodeFleetTable({ stream: 's', seq: 0, rows: many }));
    expect(json.split('"maintenanceWindowSeconds"')).toHaveLength(2);
    expect(decodeFleetTable(FleetTable.parse(JSON.parse(json))).rows).toEqual(many);
  });

  it('encodes an empty fleet', () => {
    expect(decodeFleetTable(FleetTable.parse(encodeFleetTable({ stream: 's', seq: 0, rows: [] }))).rows).toEqual([]);
  });

  it('rejects a column of the wrong type or length, and a missing column', () => {
    const table = encodeFleetTable({ stream: 's', seq: 0, rows });
    expect(FleetTable.safeParse({ ...table, columns: { ...table.columns, health: ['ok', 'fine', 'ok'] } }).success).toBe(false);
    expect(FleetTable.safeParse({ ...table, columns: { ...table.columns, rank: [1, 2] } }).success).toBe(false);
    const { wallet: _wallet, ...withoutWallet } = table.columns;
    expect(FleetTable.safeParse({ ...table, columns: withoutWallet }).success).toBe(false);
  });
});
