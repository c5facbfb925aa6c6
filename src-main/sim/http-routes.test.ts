import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema } from '../../src-shared/inventory.schema';
import { startSimFleet, type SimFleet } from './fleet';
import { loadFleetFile } from './fleet.schema';
import { estimateHeightAt } from '../core/chain/chain-height';
import { loadChainParams } from '../core/chain/chain-params';

const DEMO = new URL('../../resources/sim/demo-fleet.json', import.meta.url).pathname;
/** 2026-12-01 00:00 UTC. */
const NOW = 1_796_083_200;
/** The demo fleet's height follows the clock from the dated checkpoint the rewards code uses. */
const H = estimateHeightAt(loadChainParams(), NOW * 1000);

let fleet: SimFleet;

beforeAll(async () => {
  fleet = await startSimFleet(await loadFleetFile(DEMO), { blockMs: 0, now: NOW });
});
afterAll(async () => {
  await fleet?.handle.close();
});

function apiBase(name: string): string {
  const node = fleet.inventory.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no ${name}`);
  return `http://${node.host}:${node.apiPort}`;
}

async function getJson(url: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, type: res.headers.get('content-type') };
}

async function data(name: string, route: string): Promise<unknown> {
  const { status, body } = await getJson(apiBase(name) + route);
  expect(status).toBe(200);
  expect(body).toMatchObject({ status: 'success' });
  return (body as { data: unknown }).data;
}

describe('demo fleet over HTTP', () => {
  it('writes a valid inventory with one distinct loopback address per node', () => {
    const inv = inventorySchema.parse(fleet.inventory);
    expect(inv.nodes).toHaveLength(12);
    expect(new Set(inv.nodes.map((n) => n.host)).size).toBe(12);
    for (const n of inv.nodes) {
      expect(n.host).toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect(n.hostKey?.type).toBe('ssh-ed25519');
      expect(n.hostKey?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
    expect(inv.publicApi).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves getfluxnodestatus with string times and amount, per fluxd', async () => {
    const st = (await data('home-cumulus-1', '/daemon/getfluxnodestatus')) as Record<string, unknown>;
    expect(Object.keys(st)).toEqual([
      'status', 'collateral', 'txhash', 'outidx', 'ip', 'network', 'added_height', 'confirmed_height',
      'last_confirmed_height', 'last_paid_height', 'tier', 'payment_address', 'pubkey', 'activesince', 'lastpaid', 'amount',
    ]);
    expect(st['status']).toBe('CONFIRMED');
    expect(st['tier']).toBe('CUMULUS');
    expect(st['amount']).toBe('1000.00');
    expect(typeof st['activesince']).toBe('string');
    expect(typeof st['lastpaid']).toBe('string');
    expect(st['collateral']).toBe(`COutPoint(${String(st['txhash'])}, ${String(st['outidx'])})`);
    expect(Number(st['lastpaid'])).toBe(NOW - (H - Number(st['last_paid_height'])) * 30);
  });

  it('answers an expired node with only lowercase status and collateral', async () => {
    const st = await data('old-cumulus-expired', '/daemon/getfluxnodestatus');
    expect(Object.keys(st as object)).toEqual(['status', 'collateral']);
    expect((st as { status: string }).status).toBe('expired');
    expect((st as { collateral: string }).collateral).toMatch(/^COutPoint\([0-9a-f]{64}, \d+\)$/);
  });

  it('shows DOS and STARTED nodes and a UPnP ip with port', async () => {
    expect(await data('nimbus-dos', '/daemon/getfluxnodestatus')).toMatchObject({ status: 'DOS', tier: 'NIMBUS' });
    expect(await data('fresh-stratus-started', '/daemon/getfluxnodestatus')).toMatchObject({ status: 'STARTED', tier: 'STRATUS', amount: '40000.00' });
    expect(await data('upnp-outdated-hostile', '/daemon/getfluxnodestatus')).toMatchObject({ ip: '127.0.0.13:16137' });
  });

  it('keeps getinfo.blocks equal to getblockcount, 30 behind on the lagging node', async () => {
    expect(await data('nimbus-lagging', '/daemon/getblockcount')).toBe(2_099_970);
    expect(await data('nimbus-lagging', '/daemon/getinfo')).toMatchObject({ blocks: 2_099_970, version: 9000650, protocolversion: 170021 });
  });

  it('serves benchmarks as an object on /benchmark and as a JSON string on /daemon', async () => {
    const bench = (await data('cumulus-bench-failed', '/benchmark/getbenchmarks')) as Record<string, unknown>;
    expect(bench).toMatchObject({ status: 'failed', architecture: 'amd64' });
    expect(await data('cumulus-bench-failed', '/benchmark/getstatus')).toMatchObject({ status: 'online', benchmarking: 'failed', flux: 'connected' });
    const raw = await data('cumulus-bench-failed', '/daemon/getbenchmarks');
    expect(typeof raw).toBe('string');
    expect(JSON.parse(raw as string)).toEqual(bench);
  });

  it('answers the flux/* routes from state', async () => {
    expect(await data('home-cumulus-arcane', '/flux/isarcaneos')).toBe(true);
    expect(await data('home-cumulus-1', '/flux/isarcaneos')).toBe(false);
    expect(await data('upnp-outdated-hostile', '/flux/version')).toBe('8.10.0');
    expect(typeof (await data('home-cumulus-1', '/flux/uptime'))).toBe('number');
    expect(typeof (await data('home-cumulus-1', '/flux/systemuptime'))).toBe('number');
    const arcane = (await data('home-cumulus-arcane', '/flux/info')) as { flux: Record<string, unknown>; node: { status: unknown } };
    expect(arcane.flux).toHaveProperty('arcaneHumanVersion');
    expect(arcane.node.status).toMatchObject({ tier: 'CUMULUS' });
    const legacy = (await data('home-cumulus-1', '/flux/info')) as { flux: Record<string, unknown> };
    expect(legacy.flux).not.toHaveProperty('arcaneVersion');
  });

  it('serves apps routes, including the hostile app name byte for byte', async () => {
    const apps = (await data('upnp-outdated-hostile', '/apps/listrunningapps')) as { Names: string[] }[];
    expect(apps[0]!.Names[0]).toContain('<script>');
    expect(apps[0]!.Names[0]).toContain('\u001b[31m');
    expect(Array.isArray(await data('home-cumulus-1', '/apps/installedapps'))).toBe(true);
    expect(await data('home-cumulus-1', '/apps/installedapps/demo0')).toHaveLength(1);
    expect(await data('home-cumulus-1', '/apps/appsresources')).toHaveProperty('appsRamLocked');
  });

  it('answers protected routes with HTTP 200 and the unauthorized envelope', async () => {
    const res = await getJson(`${apiBase('home-cumulus-1')}/flux/restart`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'error', data: { code: 401, name: 'Unauthorized', message: 'Unauthorized. Access denied.' } });
  });

  it('answers unknown routes with Express\'s HTML 404', async () => {
    const res = await fetch(`${apiBase('home-cumulus-1')}/nope/<b>`, { signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('<pre>Cannot GET /nope/%3Cb%3E</pre>');
  });
});

describe('deterministic list and public API', () => {
  it('ranks per tier from 0 over the whole queue, before filtering', async () => {
    const list = (await data('home-cumulus-1', '/daemon/viewdeterministicfluxnodelist')) as Record<string, unknown>[];
    // Expired, DOS and STARTED nodes are not in the list.
    expect(list.map((e) => e['txhash'])).not.toContain(((await data('nimbus-dos', '/daemon/getfluxnodestatus')) as { txhash: string }).txhash);
    for (const tier of ['CUMULUS', 'NIMBUS', 'STRATUS']) {
      const entries = list.filter((e) => e['tier'] === tier);
      expect(entries.map((e) => e['rank'])).toEqual(entries.map((_, i) => i));
      const keys = entries.map((e) => Number(e['last_paid_height']) || Number(e['confirmed_height']));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
    const target = list.find((e) => e['tier'] === 'CUMULUS' && e['rank'] === 2)!;
    const filtered = (await data('home-cumulus-1', `/daemon/viewdeterministicfluxnodelist?filter=${String(target['txhash'])}`)) as Record<string, unknown>[];
    expect(filtered).toEqual([target]);
    const byPath = await data('home-cumulus-1', `/daemon/viewdeterministicfluxnodelist/${String(target['txhash'])}`);
    expect(byPath).toEqual([target]);
  });

  it('plays stats.runonflux.io on the public API: the live Syncthing and Docker minimums', async () => {
    const base = fleet.inventory.publicApi!;
    expect((await getJson(`${base}/getmodulesminimumversions`)).body).toEqual({ status: 'success', data: { syncthing: '2.0.10', docker: '26.1.2' } });
  });

  it("answers fluxbench's getinfo with the daemon version, distinct from getbenchmarks' bench_version", async () => {
    expect(await data('home-cumulus-1', '/benchmark/getinfo')).toEqual({ version: '6.3.1', rpcport: 16224 });
    expect(await data('home-cumulus-1', '/benchmark/getbenchmarks')).toMatchObject({ bench_version: '1.0.20' });
  });

  it('filters by payment address on the public API', async () => {
    const base = fleet.inventory.publicApi!;
    const res = await getJson(`${base}/daemon/viewdeterministicfluxnodelist?filter=t1SimSecondWalletDemo`);
    expect((res.body as { data: unknown[] }).data).toHaveLength(1);
    expect((await getJson(`${base}/daemon/getblockcount`)).body).toEqual({ status: 'success', data: H });
    expect((await getJson(`${base}/daemon/getfluxnodecount`)).body).toMatchObject({ data: { 'cumulus-enabled': 5000 } });
  });

  it("stands at the wall clock's height, so today's subsidy is the one after the first cut", () => {
    // 2026-12-01: about 1.15 M blocks after the 2025-10-29 checkpoint, past the first cut at 3,071,200.
    expect(fleet.handle.height).toBe(H);
    expect(H).toBeGreaterThan(3_071_200);
    expect(H).toBeLessThan(3_200_000);
  });

  it('computes the block subsidy with 10% cuts every 1,051,200 blocks after PoN', async () => {
    const base = fleet.inventory.publicApi!;
    expect((await getJson(`${base}/daemon/getblocksubsidy`)).body).toEqual({ status: 'success', data: { miner: 12.6 } });
    expect((await getJson(`${base}/daemon/getblocksubsidy/2500000`)).body).toMatchObject({ data: { miner: 14 } });
    expect((await getJson(`${base}/daemon/getblocksubsidy/3071200`)).body).toMatchObject({ data: { miner: 12.6 } });
    expect((await getJson(`${base}/daemon/getblocksubsidy?height=4122400`)).body).toMatchObject({ data: { miner: 11.34 } });
    const last = (await getJson(`${base}/daemon/getblocksubsidy/99000000`)).body as { data: { miner: number } };
    expect(last.data.miner).toBeCloseTo(14 * 0.9 ** 20, 6);
  });
});
