import { beforeAll, describe, expect, it } from 'vitest';
import { tempServices } from '../../testkit/temp-services';

describe('editing nodes', () => {
  const services = tempServices();
  beforeAll(() => {
    services().importer.pipeline.commit({ text: 'name,host,tags\na,192.0.2.1,eu\nb,192.0.2.2,us\nc,192.0.2.3,\n' });
  });
  const byName = (name: string) => services().nodes.resolve(name);

  it('changes name, ports, owner, provider and cost of one node, refusing a name or endpoint taken', () => {
    const updated = services().editor.update(byName('a').id, { name: 'alpha', apiPort: 16137, owner: 'Acme', provider: 'Hetzner', monthlyCostUsd: 12.34 });
    expect(updated).toMatchObject({ name: 'alpha', apiPort: 16137, owner: 'Acme', provider: 'Hetzner', monthlyCostUsd: 12.34 });
    expect(() => services().editor.update(byName('b').id, { name: 'ALPHA' })).toThrow(/already exists/);
    expect(() => services().editor.update(byName('b').id, { host: '192.0.2.1', apiPort: 16137 })).toThrow(/already registered as "alpha"/);
    expect(services().owners.list().map((o) => o.name)).toEqual(['Acme']);
  });

  it('bulk-edits tags, owner and provider of a selection, and undoes the last bulk change', () => {
    const ids = [byName('alpha').id, byName('b').id];
    expect(services().editor.bulkUpdate({ ids, addTags: ['gpu'], removeTags: ['eu'], owner: 'Beta Co', provider: null })).toEqual({ changed: 2 });
    expect([byName('alpha'), byName('b')].map((n) => [n.tags, n.owner, n.provider])).toEqual([
      [['gpu'], 'Beta Co', null],
      [['us', 'gpu'], 'Beta Co', null],
    ]);
    expect(byName('c').tags).toEqual([]);
    expect(services().editor.undoBulk()).toEqual({ restored: 2 });
    expect([byName('alpha'), byName('b')].map((n) => [n.tags, n.owner, n.provider])).toEqual([
      [['eu'], 'Acme', 'Hetzner'],
      [['us'], null, null],
    ]);
    expect(() => services().editor.undoBulk()).toThrow(/no bulk change to undo/);
  });
});
