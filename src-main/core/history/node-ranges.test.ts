import { describe, expect, it } from 'vitest';
import { nodeRanges } from './node-ranges';

describe('nodeRanges', () => {
  it('splits ids into ranges of at most `size` ids, closed on the ids or open at both ends', () => {
    const ids = [2, 3, 5, 8, 13];
    expect(nodeRanges(ids, 2)).toEqual([[2, 3], [5, 8], [13, 13]]);
    expect(nodeRanges(ids, 2, { open: true })).toEqual([[Number.MIN_SAFE_INTEGER, 3], [5, 8], [13, Number.MAX_SAFE_INTEGER]]);
    expect(nodeRanges(ids, 10, { open: true })).toEqual([[Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]]);
    expect(nodeRanges(ids, 0)).toHaveLength(5);
    expect(nodeRanges([], 3, { open: true })).toEqual([]);
  });
});
