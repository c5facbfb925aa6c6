import type { Db } from '../store/database';

/** Every registered node's id, ascending. */
export function nodeIds(db: Db): number[] {
  return db.prepare<[], number>('SELECT id FROM nodes ORDER BY id').pluck().all();
}

/**
 * Node id ranges `[lo, hi]` of at most `size` of `ids` each, in order, for work done one node range
 * per step. `open`: the first range starts at the lowest possible id and the last ends at the highest,
 * so a node added after `ids` was read is still covered.
 */
export function nodeRanges(ids: readonly number[], size: number, options: { open?: boolean } = {}): [number, number][] {
  const step = Math.max(1, size);
  const ranges: [number, number][] = [];
  for (let i = 0; i < ids.length; i += step) {
    const last = i + step >= ids.length;
    const lo = options.open && i === 0 ? Number.MIN_SAFE_INTEGER : ids[i]!;
    const hi = options.open && last ? Number.MAX_SAFE_INTEGER : ids[Math.min(ids.length, i + step) - 1]!;
    ranges.push([lo, hi]);
  }
  return ranges;
}
