import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import net from 'node:net';
import { FluxosClient, PublicApiClient } from './fluxos-client';
import { FluxosError } from './fluxos-error';
import { startFakeFluxos, success, type FakeFluxos } from '../../testkit/fake-fluxos';

const TX = '5179622de68f2b1c9b5a6a2f0e8c1d3b4a5f6e7d8c9b0a1f2e3d4c5b6a7955b6';

const statusData = {
  status: 'CONFIRMED',
  collateral: `COutPoint(${TX}, 0)`,
  txhash: TX,
  outidx: 0,
  ip: '144.91.114.167',
  network: 'ipv4',
  added_height: 2101234,
  confirmed_height: 2101240,
  last_confirmed_height: 2160020,
  last_paid_height: 2159800,
  tier: 'CUMULUS',
  payment_address: 't1abc',
  pubkey: '04ab',
  activesince: '1762000000',
  lastpaid: '1763500000',
  amount: '1000.00',
};

async function rejection(p: Promise<unknown>): Promise<FluxosError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FluxosError) return err;
    throw err;
  }
  throw new Error('expected a FluxosError');
}

describe('FluxosClient against a local FluxOS-like server', () => {
  let fake: FakeFluxos;
  let client: FluxosClient;
  let node: { host: string; apiPort: number };

  beforeAll(async () => {
    fake = await startFakeFluxos();
    node = { host: fake.host, apiPort: fake.port };
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.replies.clear();
    client?.close();
    client = new FluxosClient({ timeoutMs: 1500 });
  });

  it('reads node status into a camelCase domain object', async () => {
    fake.replies.set('/daemon/getfluxnodestatus', success(statusData));
    const status = await client.getFluxnodeStatus(node);
    expect(status).toEqual({
      status: 'CONFIRMED',
      tier: 'CUMULUS',
      collateral: `COutPoint(${TX}, 0)`,
      txhash: TX,
      outidx: 0,
      amount: 1000,
      paymentAddress: 't1abc',
      ip: '144.91.114.167',
      network: 'ipv4',
      addedHeight: 2101234,
      confirmedHeight: 2101240,
      lastConfirmedHeight: 2160020,
      lastPaidHeight: 2159800,
      activeSince: 1762000000,
      lastPaid: 1763500000,
    });
  });

  it('returns the last parsed value for the same bytes, a new one for changed bytes, and never remembers a bad body', async () => {
    fake.replies.set('/daemon/getfluxnodestatus', success(statusData));
    const first = await client.getFluxnodeStatus(node);
    expect(await client.getFluxnodeStatus(node)).toBe(first); // not parsed again
    fake.replies.set('/daemon/getfluxnodestatus', success({ ...statusData, status: 'DOS' }));
    const changed = await client.getFluxnodeStatus(node);
    expect(changed.status).toBe('DOS');
    fake.replies.set('/daemon/getfluxnodestatus', success(['not', 'a', 'status']));
    expect((await rejection(client.getFluxnodeStatus(node))).code).toBe('BAD_RESPONSE');
    expect((await rejection(client.getFluxnodeStatus(node))).code).toBe('BAD_RESPONSE');
  });

  it('reuses one kept-alive socket for consecutive polls', async () => {
    fake.replies.set('/daemon/getblockcount', success(2160100));
    const before = fake.connections();
    for (let i = 0; i < 5; i++) expect(await client.getBlockCount(node)).toBe(2160100);
    expect(fake.connections() - before).toBe(1);
  });

  it('turns an HTML error page into BAD_RESPONSE with a short sample', async () => {
    fake.replies.set('/daemon/getinfo', {
      kind: 'raw',
      status: 502,
      contentType: 'text/html',
      body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>`,
    });
    const err = await rejection(client.getDaemonInfo(node));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.details.httpStatus).toBe(502);
    expect(err.details.sample).toContain('502 Bad Gateway');
    expect((err.details.sample ?? '').length).toBeLessThanOrEqual(200);
  });

  it('treats an HTTP 200 error envelope as API_ERROR with the node code and message', async () => {
    fake.replies.set('/daemon/getfluxnodestatus', {
      kind: 'json',
      body: { status: 'error', data: { code: -28, name: 'Error', message: 'Loading block index...' } },
    });
    const err = await rejection(client.getFluxnodeStatus(node));
    expect(err.code).toBe('API_ERROR');
    expect(err.details.apiCode).toBe(-28);
    expect(err.message).toContain('Loading block index');
  });

  it('rejects prototype-poisoning JSON as BAD_RESPONSE', async () => {
    fake.replies.set('/flux/version', {
      kind: 'raw',
      contentType: 'application/json',
      body: '{"status":"success","data":"8.17.0","__proto__":{"polluted":true}}',
    });
    const err = await rejection(client.getFluxVersion(node));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects truncated JSON as BAD_RESPONSE', async () => {
    fake.replies.set('/flux/uptime', { kind: 'raw', contentType: 'application/json', body: '{"status":"success","da' });
    expect((await rejection(client.getUptime(node))).code).toBe('BAD_RESPONSE');
  });

  it('reports a body cut off mid-transfer as a typed error, not a crash', async () => {
    fake.replies.set('/flux/uptime', { kind: 'cut', body: '{"status":"succ', declaredLength: 500 });
    const err = await rejection(client.getUptime(node));
    expect(['UNREACHABLE', 'BAD_RESPONSE']).toContain(err.code);
  });

  it('times out a node that accepts but never answers, within the deadline', async () => {
    fake.replies.set('/daemon/getinfo', { kind: 'hang' });
    const err = await rejection(client.getDaemonInfo(node, { timeoutMs: 300 }));
    expect(err.code).toBe('TIMEOUT');
  });

  it('counts the body against the same deadline (slow drip)', async () => {
    fake.replies.set('/daemon/getinfo', { kind: 'slow-body', chunks: Array.from({ length: 50 }, () => ' '), intervalMs: 50 });
    const err = await rejection(client.getDaemonInfo(node, { timeoutMs: 400 }));
    expect(err.code).toBe('TIMEOUT');
  });

  it('refuses a body larger than the cap as TOO_LARGE', async () => {
    const small = new FluxosClient({ maxBytes: 1000 });
    fake.replies.set('/apps/installedapps', success(Array(100).fill({ name: 'x'.repeat(50) })));
    expect((await rejection(small.getInstalledApps(node))).code).toBe('TOO_LARGE');
    small.close();
  });

  it('refuses JSON with the wrong envelope status or shape as BAD_RESPONSE', async () => {
    fake.replies.set('/flux/isarcaneos', { kind: 'json', body: { status: 'weird', data: true } });
    expect((await rejection(client.getIsArcaneOs(node))).code).toBe('BAD_RESPONSE');
    fake.replies.set('/flux/isarcaneos', success('yes'));
    expect((await rejection(client.getIsArcaneOs(node))).code).toBe('BAD_RESPONSE');
    fake.replies.set('/flux/isarcaneos', { kind: 'json', body: [1, 2] });
    expect((await rejection(client.getIsArcaneOs(node))).code).toBe('BAD_RESPONSE');
  });

  it('maps a closed port to UNREACHABLE', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const err = await rejection(client.getBlockCount({ host: '127.0.0.1', apiPort: port }));
    expect(err.code).toBe('UNREACHABLE');
  });

  it('passes route params: list filter and subsidy height', async () => {
    fake.replies.set('/daemon/viewdeterministicfluxnodelist', success([]));
    fake.replies.set('/daemon/getblocksubsidy/2000000', success({ miner: 14 }));
    await client.getDeterministicList(node, { params: { filter: 't1 abc' } });
    expect(await client.getBlockSubsidy(node, { params: { height: 2000000 } })).toEqual({ miner: 14 });
    expect(fake.requests).toContain('/daemon/viewdeterministicfluxnodelist?filter=t1%20abc');
  });

  it('parses /daemon/getbenchmarks from its JSON string through the safe parser', async () => {
    fake.replies.set('/daemon/getbenchmarks', success(JSON.stringify({ status: 'NIMBUS', eps: '640.5' })));
    const bench = await client.getDaemonBenchmarks(node);
    expect(bench).toMatchObject({ running: true, benchmarks: { tier: 'NIMBUS', eps: 640.5 } });
    fake.replies.set('/daemon/getbenchmarks', success('{"status":"x","__proto__":{"a":1}}'));
    expect((await rejection(client.getDaemonBenchmarks(node))).code).toBe('BAD_RESPONSE');
  });
});

describe('PublicApiClient', () => {
  let fake: FakeFluxos;
  beforeAll(async () => {
    fake = await startFakeFluxos();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('reads the node count and filtered list from the public API base URL', async () => {
    fake.replies.set(
      '/daemon/getfluxnodecount',
      success({ total: 8500, stable: 8500, 'cumulus-enabled': 5000, 'nimbus-enabled': 1500, 'stratus-enabled': 2000, ipv4: 8400, ipv6: 100, onion: 0 }),
    );
    fake.replies.set('/daemon/viewdeterministicfluxnodelist', success([{ txhash: TX, outidx: 0, ip: '1.2.3.4', payment_address: 't1x', tier: 'STRATUS', rank: 3 }]));
    const api = new PublicApiClient(`http://127.0.0.1:${fake.port}`);
    expect(await api.getFluxnodeCount()).toMatchObject({ total: 8500, cumulusEnabled: 5000, stratusEnabled: 2000 });
    const list = await api.getDeterministicList({ params: { filter: 't1x' } });
    expect(list.nodes[0]).toMatchObject({ tier: 'STRATUS', rank: 3, paymentAddress: 't1x' });
    api.close();
  });
});
