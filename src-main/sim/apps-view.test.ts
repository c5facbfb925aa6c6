import { describe, expect, it } from 'vitest';
import { appsResourcesAt } from './apps-view';
import { buildPresetState } from './presets';
import type { SimNode } from './sim-node';

function nodeWith(preset: string, installedApps: Record<string, unknown>[]): SimNode {
  const state = buildPresetState(preset, { name: 'n', index: 0, host: '127.0.0.9', height: 2_100_000, now: 1_700_000_000, wallet: 't1wallet' })!;
  return { name: 'n', index: 0, host: '127.0.0.9', username: 'flux', tags: [], state: { ...state, installedApps }, apiOverrides: {}, sshOverrides: {}, faults: {} };
}

const tieredCompose = {
  version: 7,
  name: 'grid',
  compose: [
    { name: 'db', repotag: 'x/db', cpu: 1, ram: 1000, hdd: 10, tiered: true, cpubasic: 0.5, rambasic: 500, hddbasic: 0, cpusuper: 2, ramsuper: 2000, hddsuper: 20, cpubamf: 4, rambamf: 4000, hddbamf: 40 },
    { name: 'web', repotag: 'x/web', cpu: 0.5, ram: 500, hdd: 5 },
  ],
};

describe('appsResourcesAt', () => {
  it('locks a tiered spec’s figures for the node’s tier, as FluxOS’s appsResources does', () => {
    expect(appsResourcesAt(nodeWith('healthy-nimbus-legacy', [tieredCompose]), 2_100_000)).toEqual({ appsCpusLocked: 2.5, appsRamLocked: 2500, appsHddLocked: 25 });
    // hddbasic 0 falls back to the plain hdd (FluxOS: `component[hddTier] || component.hdd`).
    expect(appsResourcesAt(nodeWith('healthy-cumulus-legacy', [tieredCompose]), 2_100_000)).toEqual({ appsCpusLocked: 1, appsRamLocked: 1000, appsHddLocked: 15 });
    const flat = { version: 3, name: 'old', repotag: 'x/old', cpu: 1, ram: 1000, hdd: 10, tiered: true, cpubamf: 3, rambamf: 3000, hddbamf: 30 };
    expect(appsResourcesAt(nodeWith('healthy-stratus-legacy', [flat]), 2_100_000)).toEqual({ appsCpusLocked: 3, appsRamLocked: 3000, appsHddLocked: 30 });
  });
});
