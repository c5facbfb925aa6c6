import { describe, expect, it } from 'vitest';
import { serviceViews } from './service-view';

describe('service view', () => {
  it('mutes the daemon unit a node does not use and units no rule requires; warns only for a missing required service', () => {
    const views = serviceViews({ zelcash: 'active', fluxd: 'inactive', fluxbenchd: 'inactive', mongod: 'inactive', docker: 'failed' });
    expect(views.map((v) => [v.name, v.tone])).toEqual([
      ['zelcash', undefined],
      ['fluxd', 'muted'],
      ['fluxbenchd', 'muted'],
      ['mongod', 'warning'],
      ['docker', 'error'],
    ]);
    expect(views[1]!.note).toBe('not used: zelcash runs the daemon');
  });

  it('warns when neither daemon unit is active', () => {
    expect(serviceViews({ zelcash: 'inactive', fluxd: 'inactive' }).map((v) => v.tone)).toEqual(['warning', 'warning']);
  });
});
