import { describe, expect, it } from 'vitest';
import { fakeStatus, makeNodes } from '../../testkit/poller';
import { lastOkAtAfter } from './last-ok';

const node = makeNodes(1)[0]!;

describe('lastOkAtAfter', () => {
  it('a poll that reached the node moves it to the poll time, whatever the health', () => {
    expect(lastOkAtAfter(fakeStatus(node, 'critical'), { ...fakeStatus(node), lastOkAt: 42 }, 1_000)).toBe(1_000);
  });

  it('an unreachable or unknown result keeps the last ok time, or null when the node never answered', () => {
    const before = { ...fakeStatus(node), lastOkAt: 42 };
    expect(lastOkAtAfter(fakeStatus(node, 'unreachable'), before, 1_000)).toBe(42);
    expect(lastOkAtAfter(fakeStatus(node, 'unknown'), before, 1_000)).toBe(42);
    expect(lastOkAtAfter(fakeStatus(node, 'unreachable'), undefined, 1_000)).toBeNull();
  });
});
