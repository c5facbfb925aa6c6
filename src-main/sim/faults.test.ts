import sjson from 'secure-json-parse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../src-shared/inventory.schema';
import { startSimFleet, type SimFleet } from './fleet';
import { connect, execOn, sshRun } from '../testkit/test-ssh-client';

let fleet: SimFleet;
let node: InventoryNode;
let api: string;

beforeAll(async () => {
  fleet = await startSimFleet(
    { nodes: [{ name: 'victim', preset: 'healthy-cumulus-legacy' }, { name: 'from-file', faults: { apiDown: true, sshRejectAuth: true } }] },
    { blockMs: 0 },
  );
  node = fleet.inventory.nodes[0]!;
  api = `http://${node.host}:${node.apiPort}`;
});
afterEach(async () => {
  await fleet.handle.clearFaults('victim');
});
afterAll(async () => {
  await fleet?.handle.close();
});

const set = (faults: Parameters<SimFleet['handle']['setFaults']>[1]): Promise<void> => fleet.handle.setFaults('victim', faults);

describe('SSH faults', () => {
  it('sshNoBanner: the client times out waiting for the handshake; clearing restores it', async () => {
    await set({ sshNoBanner: true });
    await expect(connect(node, { readyTimeout: 400 })).rejects.toThrow(/Timed out while waiting for handshake/);
    await fleet.handle.clearFaults('victim', ['sshNoBanner']);
    const c = await connect(node);
    c.end();
  });

  it('sshHalfOpen: after ready nothing answers; only keepalive notices', async () => {
    await set({ sshHalfOpen: true });
    const c = await connect(node, { keepaliveInterval: 150, keepaliveCountMax: 2 });
    const failed = new Promise<Error>((resolve) => c.client.on('error', resolve));
    let answered = false;
    c.client.exec('nproc', () => {
      answered = true;
    });
    expect((await failed).message).toMatch(/Keepalive timeout/);
    expect(answered).toBe(false);
    c.end();
  });

  it('sshHalfOpen set at run time silences a connection that is already up', async () => {
    const c = await connect(node, { keepaliveInterval: 150, keepaliveCountMax: 2 });
    expect((await c.exec('nproc')).stdout).toBe('4\n');
    await set({ sshHalfOpen: true });
    const failed = new Promise<Error>((resolve) => c.client.on('error', resolve));
    c.client.exec('nproc', () => undefined);
    expect((await failed).message).toMatch(/Keepalive timeout/);
    c.end();
  });

  it('sshMaxSessions: channels beyond N are refused', async () => {
    await set({ sshMaxSessions: 2 });
    const c = await connect(node);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => c.exec('nproc')));
    c.end();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    expect(String(rejected[0]!.reason)).toMatch(/Channel open failure/);
  });

  it('sshDropMidExec: part of the output, no exit status, connection gone', async () => {
    const full = (await sshRun(node, 'flux-cli getfluxnodestatus')).stdout;
    await set({ sshDropMidExec: true });
    const c = await connect(node);
    const closed = new Promise<void>((resolve) => c.client.on('close', () => resolve()));
    const r = await execOn(c.client, 'flux-cli getfluxnodestatus');
    await closed;
    expect(r.code).toBeNull();
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.length).toBeLessThan(full.length);
    expect(full.startsWith(r.stdout)).toBe(true);
  });

  it('sshRejectAuth: authentication fails (also when set in the fleet file)', async () => {
    await set({ sshRejectAuth: true });
    await expect(connect(node)).rejects.toThrow(/All configured authentication methods failed/);
    await expect(connect(fleet.inventory.nodes[1]!)).rejects.toThrow(/authentication methods failed/);
  });

  it('sshNewHostKey: a different host key than the inventory pinned', async () => {
    await set({ sshNewHostKey: true });
    const c = await connect(node);
    c.end();
    expect(c.fingerprint).not.toBe(node.hostKey!.fingerprint);
    await fleet.handle.clearFaults('victim');
    const back = await connect(node);
    back.end();
    expect(back.fingerprint).toBe(node.hostKey!.fingerprint);
  });

  it('sshSlowOutput: same output, dribbled in many chunks', async () => {
    const normal = await sshRun(node, 'flux-cli getinfo');
    await set({ sshSlowOutput: 5 });
    const slow = await sshRun(node, 'flux-cli getinfo');
    expect(slow.stdout).toBe(normal.stdout);
    expect(slow.chunks).toBeGreaterThan(5);
  });

  it('sshHugeOutput: exactly N bytes of output', async () => {
    await set({ sshHugeOutput: 3 * 1024 * 1024 + 7 });
    const r = await sshRun(node, 'flux-cli getinfo');
    expect(Buffer.byteLength(r.stdout)).toBe(3 * 1024 * 1024 + 7);
    expect(r.code).toBe(0);
  });

  it('ansiOutput: OSC 52 clipboard and OSC 8 links around the real output', async () => {
    await set({ ansiOutput: true });
    const r = await sshRun(node, 'flux-cli getblockcount');
    expect(r.stdout).toContain('\u001b]52;c;');
    expect(r.stdout).toContain('\u001b]8;;http://evil.example/');
    expect(r.stdout).toContain('2100000\n');
  });
});

describe('API faults', () => {
  const get = (route: string, ms = 3_000): Promise<Response> => fetch(api + route, { signal: AbortSignal.timeout(ms) });

  it('apiHang: the request is accepted and never answered', async () => {
    await set({ apiHang: true });
    await expect(get('/daemon/getinfo', 300)).rejects.toThrow(/aborted|timeout/i);
  });

  it('apiHtml: a 502 HTML page from a proxy', async () => {
    await set({ apiHtml: true });
    const res = await get('/daemon/getinfo');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('502 Bad Gateway');
  });

  it('apiTruncatedJson hits only the listed routes', async () => {
    await set({ apiTruncatedJson: ['/daemon/getfluxnodestatus'] });
    const cut = await (await get('/daemon/getfluxnodestatus')).text();
    expect(() => JSON.parse(cut) as unknown).toThrow();
    expect(JSON.parse(await (await get('/daemon/getinfo')).text())).toMatchObject({ status: 'success' });
  });

  it('apiErrorEnvelope: HTTP 200 with status error', async () => {
    await set({ apiErrorEnvelope: true });
    const res = await get('/daemon/getinfo');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'error', data: { code: -28 } });
  });

  it('apiProtoKeys: valid JSON that secure-json-parse rejects', async () => {
    await set({ apiProtoKeys: true });
    for (const route of ['/daemon/getfluxnodestatus', '/daemon/getblockcount', '/apps/listrunningapps']) {
      const text = await (await get(route)).text();
      expect(text).toContain('"__proto__"');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(() => sjson.parse(text) as unknown).toThrow();
    }
  });

  it('apiDown: connections refused until cleared, then the same port answers', async () => {
    await set({ apiDown: true });
    await expect(get('/flux/version')).rejects.toThrow();
    await fleet.handle.clearFaults('victim', ['apiDown']);
    expect(await (await get('/flux/version')).json()).toEqual({ status: 'success', data: '8.17.0' });
    const other = fleet.inventory.nodes[1]!;
    await expect(fetch(`http://${other.host}:${other.apiPort}/flux/version`)).rejects.toThrow();
  });

  it('rejects an unknown fault name with a clear error', async () => {
    await expect(fleet.handle.setFaults('victim', { bogus: true } as never)).rejects.toThrow(/bogus/);
  });
});
