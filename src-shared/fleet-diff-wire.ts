import type { FleetDiff, FleetRowChange, FleetRowStatus } from './contract/fleet.contract';
import { FLEET_ROW_FIELDS } from './fleet-row-fields';

type Field = Exclude<keyof FleetRowStatus, 'nodeId'>;

const FIELDS: ReadonlySet<string> = new Set(FLEET_ROW_FIELDS.filter((field) => field !== 'nodeId'));

/** The row fields whose values are objects: a diff sends each distinct one once. */
const STRUCTURED: ReadonlySet<string> = new Set<Field>(['problem', 'tags']);

/** Changes that carry the same fields: their node ids, and one column of values per field. */
export interface FleetDiffGroup {
  fields: Field[];
  nodeIds: number[];
  /** `columns[j][i]` is node i's value of `fields[j]`; for a structured field, an index into `shared` (or null). */
  columns: unknown[][];
}

/**
 * `fleet:onStatus` as the serve socket sends it. A fleet-wide tick is 5,000 changes with the same
 * few fields (health, problem, problemCount, lastPolledAt) and a handful of distinct problems:
 * as rows of objects that is ≈ 620 kB of JSON, grouped and with each problem once ≈ 150 kB,
 * parsed ≈ 5× faster. `stream` and `seq` lead, as in the row form.
 */
export interface FleetDiffWire {
  stream: string;
  seq: number;
  groups: FleetDiffGroup[];
  shared: unknown[];
  removed: number[];
}

/** Main's side (the socket's send). */
export function encodeFleetDiff({ stream, seq, changed, removed }: FleetDiff): FleetDiffWire {
  const groups = new Map<string, FleetDiffGroup>();
  const shared: unknown[] = [];
  const sharedIndex = new Map<string, number>();
  const intern = (value: unknown): number | null => {
    if (value === null || value === undefined) return null;
    const key = JSON.stringify(value);
    let index = sharedIndex.get(key);
    if (index === undefined) {
      index = shared.push(value) - 1;
      sharedIndex.set(key, index);
    }
    return index;
  };
  for (const change of changed) {
    const fields = Object.keys(change).filter((field): field is Field => field !== 'nodeId');
    const key = fields.join();
    let group = groups.get(key);
    if (!group) {
      group = { fields, nodeIds: [], columns: fields.map(() => []) };
      groups.set(key, group);
    }
    group.nodeIds.push(change.nodeId);
    fields.forEach((field, j) => group.columns[j]!.push(STRUCTURED.has(field) ? intern(change[field]) : change[field]));
  }
  return { stream, seq, groups: [...groups.values()], shared, removed };
}

/**
 * The renderer's side: the diff's changes again. Throws on a payload of the wrong shape (the
 * socket then drops the message, and the next diff's number makes the fleet re-read).
 */
export function decodeFleetDiff(payload: unknown): FleetDiff {
  const { stream, seq, groups, shared, removed } = (payload ?? {}) as Partial<FleetDiffWire>;
  if (typeof stream !== 'string' || typeof seq !== 'number' || !Array.isArray(groups) || !Array.isArray(shared) || !Array.isArray(removed)) {
    throw new Error('not a fleet diff');
  }
  const changed: FleetRowChange[] = [];
  for (const group of groups) {
    const { fields, nodeIds, columns } = group ?? ({} as Partial<FleetDiffGroup>);
    if (!Array.isArray(fields) || !Array.isArray(nodeIds) || !Array.isArray(columns) || columns.length !== fields.length) throw new Error('not a fleet diff group');
    const values = fields.map((field, j) => {
      const column = columns[j];
      if (!FIELDS.has(field) || !Array.isArray(column) || column.length !== nodeIds.length) throw new Error('not a fleet diff column');
      return STRUCTURED.has(field) ? column.map((index) => (index === null ? null : sharedValue(shared, index))) : column;
    });
    for (let i = 0; i < nodeIds.length; i++) {
      const change: Record<string, unknown> = { nodeId: nodeIds[i] };
      for (let j = 0; j < fields.length; j++) change[fields[j]!] = values[j]![i];
      changed.push(change as FleetRowChange);
    }
  }
  return { stream, seq, changed, removed };
}

function sharedValue(shared: readonly unknown[], index: unknown): unknown {
  if (typeof index !== 'number' || !(index in shared)) throw new Error('not a shared value');
  return shared[index];
}
