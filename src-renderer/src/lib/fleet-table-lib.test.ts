import { describe, expect, it } from 'vitest';
import type { Silence } from '../../../src-shared/contract';
import { makeStatus } from '../testkit/fake-client';
import { COLUMNS, gridTemplate, parsePrefs } from './fleet-columns';
import { groupRows } from './fleet-groups';
import { buildRow, filterRows, NO_OWNER } from './fleet-query';
import { silenceLookup } from './silence-match';
import { toFleetRow, topProblem } from '../../../src-shared/fleet-row';

const rows = [1, 2, 3, 4].map((id) => buildRow(toFleetRow(makeStatus(id, { name: `n-${id}`, fluxnode: { ...makeStatus(id).fluxnode!, paymentAddress: id < 3 ? 't1wallet-a' : null } }))));
const owners: Record<number, string> = { 1: 'Zeta', 3: 'Acme' };
const ownerOf = (id: number) => owners[id] ?? null;

describe('fleet table helpers', () => {
  it('groups by owner in name order with the ownerless last, keeping the sort inside a group', () => {
    const grouping = groupRows(rows, 'owner', ownerOf);
    expect(grouping.groups.map((g) => [g.key, g.ids])).toEqual([['Acme', [3]], ['Zeta', [1]], [null, [2, 4]]]);
    expect(grouping.rows.map((r) => r.id)).toEqual([3, 1, 2, 4]);
    expect(groupRows(rows, 'wallet', ownerOf).groups.map((g) => [g.key, g.count])).toEqual([['t1wallet-a', 2], [null, 2]]);
  });

  it('filters by owner (or no owner) and by wallet', () => {
    const base = { health: [], tier: null, tag: null, text: '' };
    expect(filterRows(rows, { ...base, owner: 'Acme' }, ownerOf).map((r) => r.id)).toEqual([3]);
    expect(filterRows(rows, { ...base, owner: NO_OWNER }, ownerOf).map((r) => r.id)).toEqual([2, 4]);
    expect(filterRows(rows, { ...base, wallet: 't1wallet-a' }, ownerOf).map((r) => r.id)).toEqual([1, 2]);
  });

  it('marks nodes covered by a node, tag or fleet-wide silence still in force', () => {
    const silence = (scope: Silence['scope'], target: string | null, untilMs: number): Silence => ({ id: 1, scope, target, untilMs, reason: null, createdAt: 0 });
    const lookup = silenceLookup([silence('node', '1', 5_000), silence('tag', 'gpu', 9_000), silence('node', '2', 500)], 1_000);
    expect(lookup({ id: 1, tags: [] })).toBe(5_000);
    expect(lookup({ id: 2, tags: [] })).toBeNull();
    expect(lookup({ id: 3, tags: ['gpu'] })).toBe(9_000);
    expect(silenceLookup([silence('all', null, 2_000)], 1_000)({ id: 7, tags: [] })).toBe(2_000);
  });

  it('picks the worst problem for the why column', () => {
    expect(topProblem([
      { code: 'A', severity: 'info', message: 'a' },
      { code: 'B', severity: 'critical', message: 'b' },
      { code: 'C', severity: 'critical', message: 'c' },
    ])?.code).toBe('B');
  });

  it('reads stored column choices defensively and lets the why column take the free space', () => {
    const prefs = parsePrefs(JSON.stringify({ shown: { wallet: true, host: 'yes', bogus: true }, widths: { why: 5, name: 200 } }));
    expect(prefs).toEqual({ shown: { wallet: true }, widths: { why: COLUMNS.find((c) => c.id === 'why')!.minWidth, name: 200 } });
    expect(parsePrefs('{not json')).toEqual({ shown: {}, widths: {} });
    const template = gridTemplate(COLUMNS.filter((c) => ['name', 'why'].includes(c.id)), prefs);
    expect(template).toBe('24px 200px minmax(90px, 1fr) 100px');
  });
});
