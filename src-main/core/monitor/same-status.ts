import type { NodeStatus } from '../../../src-shared/contract';

/**
 * Whether two statuses would publish the same thing: equal as JSON (key order, and keys whose
 * value is undefined, do not matter) once the poll-time stamps are left out. `lastOkAt` moves with
 * every successful poll just like `lastPolledAt`; the status that matters (going unreachable)
 * changes `health` and carries the right `lastOkAt` with it. Compares in place: building a
 * canonical JSON string per result was most of what a poll that changed nothing cost here.
 */
export function sameStatus(a: NodeStatus, b: NodeStatus): boolean {
  return a === b || sameJson(a, b, STAMPS);
}

const STAMPS = new Set(['lastPolledAt', 'lastOkAt']);
const NONE = new Set<string>();

function sameJson(a: unknown, b: unknown, skip: ReadonlySet<string> = NONE): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b); // both JSON null
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (skip.has(key) || x[key] === undefined) continue;
    keys++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const key in y) if (!skip.has(key) && y[key] !== undefined) keys--;
  return keys === 0;
}
