import { describe, expect, it } from 'vitest';
import { toFleetRow } from '../../../src-shared/fleet-row';
import { makeStatus } from '../testkit/fake-client';
import { buildRow } from './fleet-query';
import { naturalKey } from './natural-key';

describe('a row’s text keys', () => {
  const status = toFleetRow(makeStatus(7, { name: 'Node-12', host: 'Fra-3.example', tags: ['GPU', 'eu'] }));

  it('are the natural keys of the row’s text fields, and the haystack holds name, host and tags', () => {
    const { keys } = buildRow(status);
    expect(keys.name).toBe(naturalKey('Node-12'));
    expect(keys.host).toBe(naturalKey('Fra-3.example'));
    expect(keys.tier).toBe(status.tier ? naturalKey(status.tier) : null);
    expect(keys.status).toBe(status.nodeStatus ? naturalKey(status.nodeStatus) : null);
    expect(keys.bench).toBe(status.benchStatus ? naturalKey(status.benchStatus) : null);
    expect(keys.haystack).toBe('node-12\nfra-3.example\ngpu\neu');
    expect(buildRow({ ...status, tier: null }).keys.tier).toBeNull();
  });

  it('are kept by the node’s next row while its text is the same, and made again when any text field changes', () => {
    const first = buildRow(status);
    const ticked = buildRow({ ...status, health: 'critical', lastPolledAt: 1 }, first);
    expect(ticked.keys).toBe(first.keys);
    for (const change of [{ name: 'Node-13' }, { host: 'other' }, { tags: ['GPU', 'eu'] }, { tier: 'ZZ' }, { nodeStatus: 'EXPIRED' }, { benchStatus: 'FAILED' }]) {
      const next = buildRow({ ...status, ...change }, first);
      expect(next.keys).not.toBe(first.keys);
    }
    expect(buildRow({ ...status, name: 'Node-13' }, first).keys.name).toBe(naturalKey('Node-13'));
  });
});
