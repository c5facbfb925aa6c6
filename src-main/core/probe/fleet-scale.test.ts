import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../../testkit/counting-proxy';
import { startProbeHarness, type ProbeHarness } from '../../testkit/sim-harness';

let h: ProbeHarness;
let proxy: CountingProxy | undefined;

beforeAll(async () => {
  h = await startProbeHarness(
    { count: { preset: 'healthy-cumulus-arcane', n: 30, namePrefix: 'arc' } },
    {
      publicApiUrl: async (url) => {
        const u = new URL(url);
        proxy = await startCountingProxy(u.hostname, Number(u.port));
        return `http://127.0.0.1:${proxy.port}`;
      },
    },
  );
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
});

describe('a fleet above the bulk threshold', () => {
  it('ranks 30 nodes from one whole-list request and one height request', async () => {
    const statuses = await Promise.all(h.records.map((r) => h.status(r.name)));
    expect(statuses.filter((s) => s.health !== 'ok').map((s) => [s.name, s.health, s.problems.map((p) => p.code)])).toEqual([]);
    const ranks = statuses.map((s) => s.fluxnode?.rank);
    expect(new Set(ranks).size).toBe(30);
    expect([...ranks].sort((a, b) => a! - b!)).toEqual([...Array(30).keys()]);
    expect(proxy!.requests.sort()).toEqual(['/daemon/getblockcount', '/daemon/viewdeterministicfluxnodelist']);

    h.advance(31_000);
    await Promise.all(h.records.map((r) => h.status(r.name)));
    // The list is still inside its 60 s window; the height was refreshed.
    expect(proxy!.count('/daemon/viewdeterministicfluxnodelist')).toBe(1);
    expect(proxy!.count('/daemon/getblockcount')).toBe(2);
  });
});
