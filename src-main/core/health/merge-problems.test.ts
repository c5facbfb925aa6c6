import { describe, expect, it } from 'vitest';
import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import { mergeProblems } from './merge-problems';
import { nodeStatus } from '../../testkit/rewards';

const spent: Problem = { code: 'COLLATERAL_SPENT', severity: 'critical', message: 'spent' };
const mismatch: Problem = { code: 'COLLATERAL_TIER_MISMATCH', severity: 'warning', message: 'mismatch' };

describe('mergeProblems', () => {
  it('adds problems once and raises health to the worst severity', () => {
    const ok = nodeStatus(1, 2_200_000);
    const out = mergeProblems(ok, [mismatch]);
    expect(out.health).toBe('warning');
    const twice = mergeProblems(mergeProblems(out, [spent]), [spent, mismatch]);
    expect(twice.health).toBe('critical');
    expect(twice.problems.map((p) => p.code)).toEqual(['COLLATERAL_TIER_MISMATCH', 'COLLATERAL_SPENT']);
  });

  it('keeps unreachable nodes unreachable and returns the same object when nothing changes', () => {
    const down: NodeStatus = { ...nodeStatus(1, 2_200_000), health: 'unreachable' };
    expect(mergeProblems(down, [spent]).health).toBe('unreachable');
    expect(mergeProblems(down, [])).toBe(down);
  });
});
