import type { FleetColumns, FleetRowStatus, FleetSnapshot, FleetTable } from './contract/fleet.contract';
import { FLEET_ROW_FIELDS } from './fleet-row-fields';

/** Main's side of `fleet:status`: the snapshot's rows as one array per field. */
export function encodeFleetTable({ stream, seq, rows }: FleetSnapshot): FleetTable {
  const columns = Object.fromEntries(FLEET_ROW_FIELDS.map((field) => [field, rows.map((row) => row[field])])) as FleetColumns;
  return { stream, seq, count: rows.length, columns };
}

/**
 * The renderer's side: the rows again. Written out field by field because an object literal is
 * built in one step with one shape; copying by name in a loop cost ≈ 40× more (7 ms for 5,000 rows).
 */
export function decodeFleetTable({ stream, seq, count, columns: c }: FleetTable): FleetSnapshot {
  const rows = new Array<FleetRowStatus>(count);
  for (let i = 0; i < count; i++) {
    rows[i] = {
      nodeId: c.nodeId[i]!,
      name: c.name[i]!,
      host: c.host[i]!,
      tags: c.tags[i]!,
      health: c.health[i]!,
      problem: c.problem[i]!,
      problemCount: c.problemCount[i]!,
      tier: c.tier[i]!,
      nodeStatus: c.nodeStatus[i]!,
      rank: c.rank[i]!,
      nextPaymentSeconds: c.nextPaymentSeconds[i]!,
      maintenanceWindowBlocks: c.maintenanceWindowBlocks[i]!,
      maintenanceWindowSeconds: c.maintenanceWindowSeconds[i]!,
      benchStatus: c.benchStatus[i]!,
      eps: c.eps[i]!,
      blocksBehind: c.blocksBehind[i]!,
      arcaneOS: c.arcaneOS[i]!,
      appCount: c.appCount[i]!,
      wallet: c.wallet[i]!,
      lastPolledAt: c.lastPolledAt[i]!,
      lastOkAt: c.lastOkAt[i]!,
    };
  }
  return { stream, seq, rows };
}
