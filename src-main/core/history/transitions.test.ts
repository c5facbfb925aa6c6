import { describe, expect, it } from 'vitest';
import { fakeStatus, makeNodes } from '../../testkit/poller';
import { diffStatus } from './transitions';

const node = makeNodes(1)[0]!;
const disk = { code: 'DISK_LOW', severity: 'warning' as const, message: 'Disk low' };

describe('diffStatus', () => {
  it('an unchanged poll keeps the baseline and logs nothing; the next change still logs', () => {
    const first = diffStatus(undefined, fakeStatus(node, 'warning', { problems: [disk] }), 1).baseline;
    const same = diffStatus(first, fakeStatus(node, 'warning', { problems: [disk] }), 2);
    expect(same).toEqual({ events: [], baseline: first });
    const cleared = diffStatus(same.baseline, fakeStatus(node, 'ok'), 3);
    expect(cleared.events.map((e) => e.kind).sort()).toEqual(['health', 'problem-cleared']);
  });

  it('a cleared problem is named in words, never by its code (an unknown code too)', () => {
    const odd = { code: 'SOME_NEW_CHECK', severity: 'info' as const, message: 'Something new' };
    const first = diffStatus(undefined, fakeStatus(node, 'warning', { problems: [disk, odd] }), 1).baseline;
    const cleared = diffStatus(first, fakeStatus(node, 'ok'), 2).events.filter((e) => e.kind === 'problem-cleared');
    expect(cleared.map((e) => e.message).sort()).toEqual(['Resolved: disk space low', 'Resolved: some new check']);
    expect(cleared.map((e) => e.data.code).sort()).toEqual(['DISK_LOW', 'SOME_NEW_CHECK']);
  });

  it('an unreachable poll keeps earlier problems, so the node coming back clears nothing it still has', () => {
    const first = diffStatus(undefined, fakeStatus(node, 'warning', { problems: [disk] }), 1).baseline;
    const down = diffStatus(first, fakeStatus(node, 'unreachable'), 2);
    expect(down.events.map((e) => e.kind)).toEqual(['health']);
    const back = diffStatus(down.baseline, fakeStatus(node, 'warning', { problems: [disk] }), 3);
    expect(back.events.map((e) => e.kind)).toEqual(['health']);
  });
});
