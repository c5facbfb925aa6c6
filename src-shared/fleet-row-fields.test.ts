import { describe, expect, it } from 'vitest';
import { FleetRowStatus } from './contract/fleet.contract';
import { FLEET_ROW_FIELDS } from './fleet-row-fields';

describe('fleet row fields', () => {
  it('are the schema’s own fields, every one, in its order', () => {
    expect([...FLEET_ROW_FIELDS]).toEqual(Object.keys(FleetRowStatus.shape));
  });
});
