import { describe, expect, it } from 'vitest';
import type { ModulesMinimumVersions } from '../fluxos/schemas/flux.schemas';
import { normalizeModulesMinimumVersions } from '../fluxos/schemas/flux.schemas';
import { LiveVersions, fileMinimums, loadMinimumVersionsFile, statsUrlFor, type VersionsSource } from './minimum-versions';

const T0 = Date.parse('2026-12-01T20:00:00Z');

function source(url: string, answers: { minimums?: () => ModulesMinimumVersions; fluxos?: () => string }) {
  const calls = { minimums: 0, fluxos: 0 };
  const s: VersionsSource = {
    url,
    getModulesMinimumVersions: () => {
      calls.minimums++;
      return answers.minimums ? Promise.resolve().then(answers.minimums) : Promise.reject(new Error('down'));
    },
    getFluxVersion: () => {
      calls.fluxos++;
      return answers.fluxos ? Promise.resolve().then(answers.fluxos) : Promise.reject(new Error('down'));
    },
  };
  return { s, calls };
}

describe('minimum versions', () => {
  it('ship as data with the FluxOS release and date they were read from', () => {
    const file = loadMinimumVersionsFile();
    expect(file.minimums).toEqual({ fluxbench: '6.2.0', fluxos: '8.13.1', syncthing: '2.0.10', docker: '26.1.2' });
    expect(file.readFrom).toMatchObject({ fluxosVersion: '8.17.0', date: '2026-07-22' });
    expect(fileMinimums().docker.source).toBe('FluxOS 8.17.0 config default.js, read 2026-07-22');
    expect(() => loadMinimumVersionsFile({ ...file, minimums: { ...file.minimums, docker: 'latest' } })).toThrow(/minimums.docker/);
  });

  it('prefer the live Syncthing/Docker values, cache them, and keep the file for fluxbench and FluxOS', async () => {
    let now = T0;
    const stats = source('http://127.0.0.1:9/', { minimums: () => ({ syncthing: '2.0.11', docker: null }), fluxos: () => '8.19.0' });
    const live = new LiveVersions({ stats: () => stats.s, publicApi: () => stats.s, now: () => now });
    expect(live.current().minimums.syncthing.version).toBe('2.0.10');
    await live.refresh();
    const v = live.current();
    expect(v.minimums.syncthing).toEqual({ version: '2.0.11', source: '127.0.0.1:9/getmodulesminimumversions, fetched 2026-12-01 20:00 UTC' });
    // A key the endpoint did not give stays the data file's, as FluxOS's `data.docker || config` does.
    expect(v.minimums.docker.version).toBe('26.1.2');
    expect(v.minimums.fluxbench.version).toBe('6.2.0');
    expect(v.latestFluxos).toEqual({ version: '8.19.0', source: '127.0.0.1:9/flux/version, fetched 2026-12-01 20:00 UTC' });
    now += 60_000;
    await Promise.all([live.refresh(), live.refresh()]);
    expect(stats.calls).toEqual({ minimums: 1, fluxos: 1 });
  });

  it('an unreachable or invalid endpoint leaves the data file values (and retries later, not every poll)', async () => {
    let now = T0;
    const down = source('https://stats.runonflux.io/', {});
    const live = new LiveVersions({ stats: () => down.s, publicApi: () => null, now: () => now, retryMs: 600_000 });
    await live.refresh();
    await live.refresh();
    expect(live.current().minimums).toEqual(fileMinimums());
    expect(down.calls.minimums).toBe(1);
    now += 600_000;
    await live.refresh();
    expect(down.calls.minimums).toBe(2);
    // Junk in the answer is not a version: FluxOS falls back to its config, so do we.
    expect(normalizeModulesMinimumVersions({ syncthing: '<script>', docker: 26 })).toEqual({ syncthing: null, docker: null });
    const junk = source('http://127.0.0.1:9/', { minimums: () => ({ syncthing: null, docker: null }) });
    const judged = new LiveVersions({ stats: () => junk.s, publicApi: () => null, now: () => now });
    await judged.refresh();
    expect(judged.current().minimums).toEqual(fileMinimums());
  });

  it('the stats endpoint sits beside api.runonflux.io; a stand-in serves both', () => {
    expect(statsUrlFor('https://api.runonflux.io')).toBe('https://stats.runonflux.io');
    expect(statsUrlFor('https://api.runonflux.com/')).toBe('https://stats.runonflux.io');
    expect(statsUrlFor('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/');
  });
});
