import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../src-shared/inventory.schema';
import { startSimFleet, type SimFleet } from './fleet';
import { connect, sshRun as sshRunFull } from '../testkit/test-ssh-client';

let fleet: SimFleet;

beforeAll(async () => {
  fleet = await startSimFleet(
    {
      network: { height: 2_100_000 },
      nodes: [
        { name: 'legacy', preset: 'healthy-nimbus-legacy' },
        { name: 'arcane', preset: 'healthy-stratus-arcane' },
        { name: 'expired', preset: 'expired-cumulus-legacy' },
        {
          name: 'troubled',
          preset: 'healthy-cumulus-legacy',
          state: { services: { mongod: 'inactive' }, collateral: { spent: true } },
          ssh: { 'pm2 list': 'raw override\n' },
        },
      ],
    },
    { blockMs: 0 },
  );
});
afterAll(async () => {
  await fleet?.handle.close();
});

async function sshRun(node: InventoryNode, command: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const { stdout, stderr, code } = await sshRunFull(node, command);
  return { stdout, stderr, code };
}

function inv(name: string): InventoryNode {
  return fleet.inventory.nodes.find((n) => n.name === name)!;
}

describe('SSH server', () => {
  it('presents the host key the inventory lists and accepts the fleet key', async () => {
    const c = await connect(inv('legacy'));
    expect(c.fingerprint).toBe(inv('legacy').hostKey!.fingerprint);
    c.end();
  });

  it('refuses a wrong user', async () => {
    await expect(connect({ ...inv('legacy'), username: 'root' })).rejects.toThrow(/authentication methods failed/);
  });

  it('prints flux-cli JSON the way fluxd does and matches the HTTP data', async () => {
    const r = await sshRun(inv('legacy'), 'flux-cli getfluxnodestatus');
    expect(r.code).toBe(0);
    const viaSsh = JSON.parse(r.stdout) as Record<string, unknown>;
    const res = await fetch(`http://${inv('legacy').host}:${inv('legacy').apiPort}/daemon/getfluxnodestatus`);
    expect(((await res.json()) as { data: unknown }).data).toEqual(viaSsh);
    expect(r.stdout).toContain('\n  "status": "CONFIRMED"');
    expect((await sshRun(inv('legacy'), 'flux-cli getblockcount')).stdout).toBe('2100000\n');
    expect(JSON.parse((await sshRun(inv('legacy'), 'flux-cli getinfo')).stdout)).toMatchObject({ blocks: 2_100_000 });
  });

  it('prints the expired answer', async () => {
    expect(JSON.parse((await sshRun(inv('expired'), 'flux-cli getfluxnodestatus')).stdout)).toEqual({
      status: 'expired',
      collateral: expect.stringMatching(/^COutPoint\(/) as unknown,
    });
  });

  it('answers gettxout with confirmations, and nothing with exit 0 for a spent output', async () => {
    const st = JSON.parse((await sshRun(inv('legacy'), 'flux-cli getfluxnodestatus')).stdout) as { txhash: string; outidx: number };
    const out = await sshRun(inv('legacy'), `flux-cli gettxout ${st.txhash} ${st.outidx}`);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ value: 12500, coinbase: false, scriptPubKey: { type: 'pubkeyhash' } });
    expect((JSON.parse(out.stdout) as { confirmations: number }).confirmations).toBeGreaterThan(100);
    const wrong = await sshRun(inv('legacy'), `flux-cli gettxout ${st.txhash} ${st.outidx + 1}`);
    expect(wrong).toEqual({ stdout: '', stderr: '', code: 0 });
    const t = JSON.parse((await sshRun(inv('troubled'), 'flux-cli getfluxnodestatus')).stdout) as { txhash: string; outidx: number };
    expect(await sshRun(inv('troubled'), `flux-cli gettxout ${t.txhash} ${t.outidx}`)).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('answers fluxbench-cli, docker ps json lines and systemctl', async () => {
    expect(JSON.parse((await sshRun(inv('legacy'), 'fluxbench-cli getbenchmarks')).stdout)).toMatchObject({ status: 'NIMBUS' });
    expect(JSON.parse((await sshRun(inv('legacy'), 'fluxbench-cli getstatus')).stdout)).toEqual({ status: 'online', benchmarking: 'NIMBUS', flux: 'connected' });
    const ps = await sshRun(inv('legacy'), "docker ps --format '{{json .}}'");
    const rows = ps.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows[0]).toMatchObject({ Names: expect.stringMatching(/^fluxweb_/) as unknown, State: 'running' });
    expect(await sshRun(inv('troubled'), 'systemctl is-active mongod')).toEqual({ stdout: 'inactive\n', stderr: '', code: 3 });
    expect(await sshRun(inv('troubled'), 'systemctl is-active zelcash docker')).toEqual({ stdout: 'active\nactive\n', stderr: '', code: 0 });
  });

  it('answers df, free, uptime, loadavg, nproc and uname in their real formats', async () => {
    const df = (await sshRun(inv('legacy'), 'df -P -B1 /')).stdout.split('\n');
    expect(df[0]).toMatch(/^Filesystem\s+1-blocks\s+Used\s+Available\s+Capacity\s+Mounted on$/);
    const [, size, used, avail, cap, mount] = df[1]!.split(/\s+/);
    expect(Number(size)).toBe(440 * 1024 ** 3);
    expect(Number(used) + Number(avail)).toBe(Number(size));
    expect(cap).toMatch(/^\d+%$/);
    expect(mount).toBe('/');
    const free = (await sshRun(inv('legacy'), 'free -b')).stdout.split('\n');
    expect(free[0]!.trim().split(/\s+/)).toEqual(['total', 'used', 'free', 'shared', 'buff/cache', 'available']);
    expect(Number(free[1]!.split(/\s+/)[1])).toBe(32 * 1024 ** 3);
    expect((await sshRun(inv('legacy'), 'uptime')).stdout).toMatch(/ up .* load average: [\d.]+, [\d.]+, [\d.]+\n$/);
    expect((await sshRun(inv('legacy'), 'cat /proc/loadavg')).stdout).toMatch(/^[\d.]+ [\d.]+ [\d.]+ \d+\/\d+ \d+\n$/);
    expect((await sshRun(inv('legacy'), 'nproc')).stdout).toBe('8\n');
    expect((await sshRun(inv('legacy'), 'uname -m')).stdout).toBe('x86_64\n');
  });

  it('runs a chained script with section markers, && and || in one exec', async () => {
    const script = "echo '===STATUS==='; flux-cli getblockcount && echo ok\nfalse || echo '===NEXT==='\nnproc 2>/dev/null; nosuch 2>&1";
    const r = await sshRun(inv('legacy'), script);
    expect(r.stdout).toBe('===STATUS===\n2100000\nok\n===NEXT===\n8\nnosuch: command not found\n');
    expect(r.code).toBe(127);
  });

  it('exits 127 with "command not found" for unknown commands and uses raw overrides', async () => {
    expect(await sshRun(inv('legacy'), 'rm -rf /')).toEqual({ stdout: '', stderr: 'rm: command not found\n', code: 127 });
    expect((await sshRun(inv('troubled'), 'pm2 list')).stdout).toBe('raw override\n');
    expect((await sshRun(inv('legacy'), 'echo $(id) | sh')).code).toBe(2);
  });

  it('gives ArcaneOS nodes a restricted shell without flux-cli', async () => {
    expect(inv('arcane').username).toBe('operator');
    expect(await sshRun(inv('arcane'), 'flux-cli getinfo')).toEqual({ stdout: '', stderr: 'flux-cli: command not found\n', code: 127 });
    expect((await sshRun(inv('arcane'), 'nproc')).stdout).toBe('16\n');
  });
});

describe('version commands', () => {
  it("answers fluxbench-cli getinfo, syncthing --version and docker's server version from the node's state", async () => {
    expect(JSON.parse((await sshRun(inv('legacy'), 'fluxbench-cli getinfo')).stdout)).toEqual({ version: '6.3.1', rpcport: 16224 });
    expect((await sshRun(inv('legacy'), 'syncthing --version')).stdout).toMatch(/^syncthing v2\.0\.10 /);
    expect((await sshRun(inv('legacy'), "docker version --format '{{.Server.Version}}'")).stdout).toBe('28.1.1\n');
  });
});

describe('curl on the node’s own loopback', () => {
  it('answers what FluxOS answers over HTTP, and fails as curl does when FluxOS is down, hangs or the port is another', async () => {
    const node = inv('legacy');
    const url = `http://127.0.0.1:${node.apiPort}/apps/installedapps`;
    const fromHere = await (await fetch(`http://${node.host}:${node.apiPort}/apps/installedapps`)).text();
    expect(await sshRun(node, `curl -sf -m 5 ${url}`)).toEqual({ stdout: fromHere, stderr: '', code: 0 });
    expect((await sshRun(node, `curl -sf http://127.0.0.1:${node.apiPort + 1}/flux/version`)).code).toBe(7);

    await fleet.handle.setFaults('legacy', { apiHang: true });
    expect((await sshRun(node, `curl -sf -m 5 ${url}`)).code).toBe(28);
    await fleet.handle.setFaults('legacy', { apiHang: false, apiHtml: true });
    expect(await sshRun(node, `curl -sf -m 5 ${url}`)).toMatchObject({ stdout: '', code: 22 });
    await fleet.handle.setFaults('legacy', { apiHtml: false, apiDown: true });
    expect((await sshRun(node, `curl -sf -m 5 ${url}`)).code).toBe(7);
    await fleet.handle.clearFaults('legacy');
    expect((await sshRun(node, `curl -sf -m 5 --max-filesize 10 ${url}`)).code).toBe(63);
  });
});
