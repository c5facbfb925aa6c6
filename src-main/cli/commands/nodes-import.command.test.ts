import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../../sim/ssh-keygen';
import { runCapture } from '../../testkit/cli-io';
import { makeTempDir } from '../../testkit/temp-dir';
import { sshFingerprint } from '../../core/ssh/host-key-format';
import type { ImportResult } from '../../../src-shared/contract';

/** What `--json` prints (a plan, or a plan with what was applied). */
type Json = Omit<ImportResult, 'add' | 'update'> & { add: Record<string, unknown>[]; update: Record<string, unknown>[] };
const parseJson = (text: string): Json => JSON.parse(text) as Json;
type NodeList = { nodes: { name: string; owner: string | null }[] };
const parseNodes = (text: string): NodeList => JSON.parse(text) as NodeList;
type AnsibleList = Record<string, { hosts: string[] }> & { _meta: { hostvars: Record<string, Record<string, unknown>> } };

/** An OpenSSH public key blob (ssh-ed25519) and its base64, as known_hosts writes it. */
function ed25519Blob(): { b64: string; fingerprint: string } {
  const { publicBlob } = generateSshKeyPair('ed25519');
  return { b64: publicBlob.toString('base64'), fingerprint: sshFingerprint(publicBlob) };
}

describe('nodes import / edit / export (CLI, real files)', () => {
  const temp = makeTempDir();
  const dataDir = ['--data-dir', path.join(temp.dir, 'data')];
  const file = (name: string, text: string) => {
    const p = path.join(temp.dir, name);
    writeFileSync(p, text);
    return p;
  };
  afterAll(() => temp.cleanup());

  const csv = file(
    'fleet.csv',
    '\uFEFFname;host;sshPort;tags;owner;monthlyCostUsd;colour;privateKeyPath\r\n' +
      '"alpha first";192.0.2.10;22;"eu prod";Acme Hosting;12.5;red;"/keys/a;""b"" key"\r\n' +
      'beta;192.0.2.11;2222;eu;Acme Hosting;;blue;\r\n' +
      'gamma;not a host;22;;;;;\r\n' +
      'delta;192.0.2.13;22;eu\r\n' +
      'epsilon;192.0.2.14;abc;;;;;\r\n' +
      'zeta;192.0.2.15;22;"=cmd|calc";;;;\r\n',
  );

  it('previews a CSV with BOM, ";" separators and quoted fields, reporting bad rows and unknown columns', async () => {
    const run = await runCapture(['nodes', 'import', csv, '--dry-run', '--json', ...dataDir]);
    expect(run.code).toBe(0);
    const plan = parseJson(run.stdout);
    expect(Object.keys(plan).slice(0, 3)).toEqual(['add', 'update', 'skip']);
    expect(plan.format).toBe('csv');
    expect(plan.add[0]).toEqual({ name: 'alpha first', host: '192.0.2.10', sshPort: 22, apiPort: 16127, username: null, privateKeyPath: '/keys/a;"b" key', tags: ['eu', 'prod'], owner: 'Acme Hosting', monthlyCostUsd: 12.5 });
    expect(plan.add.map((r) => r.name)).toEqual(['alpha first', 'beta']);
    const skip = Object.fromEntries(plan.skip.map((s) => [s.name, s.reason]));
    expect(skip.gamma).toMatch(/^host must be a host name/);
    expect(skip.delta).toMatch(/has 4 fields, the header has 8/);
    expect(skip.epsilon).toMatch(/sshPort "abc" is not a number/);
    expect(skip.zeta).toMatch(/^tags must be a list of words/);
    expect(plan.notes).toContain('Unknown column(s) ignored: colour');
    expect(parseNodes((await runCapture(['nodes', 'list', '--json', ...dataDir])).stdout).nodes).toEqual([]);
  });

  it('commits in one transaction, then updates changed rows and skips unchanged ones', async () => {
    expect((await runCapture(['nodes', 'import', csv, ...dataDir])).code).toBe(0);
    const nodes = parseNodes((await runCapture(['nodes', 'list', '--json', ...dataDir])).stdout).nodes;
    expect(nodes.map((n) => [n.name, n.owner])).toEqual([['alpha first', 'Acme Hosting'], ['beta', 'Acme Hosting']]);
    const changed = file('changed.csv', 'name,host,sshPort\nbeta,192.0.2.11,2200\nalpha first,192.0.2.10,22\n');
    const again = parseJson((await runCapture(['nodes', 'import', changed, '--json', ...dataDir])).stdout);
    expect(again.update.map((r) => r.name)).toEqual(['beta']);
    expect(again.skip).toEqual([{ name: 'alpha first', reason: 'already registered, unchanged' }]);
  });

  it('writes nothing when any row fails during the commit', async () => {
    const dir = path.join(temp.dir, 'atomic');
    await runCapture(['nodes', 'list', '--data-dir', dir]);
    const db = new Database(path.join(dir, 'fluxdeck.db'));
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON nodes WHEN NEW.name = 'n3' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    db.close();
    const key = ed25519Blob();
    const inventory = file('atomic.json', JSON.stringify({ nodes: [1, 2, 3].map((i) => ({ name: `n${i}`, host: `192.0.2.${i}`, username: 'root', hostKey: { type: 'ssh-ed25519', fingerprint: key.fingerprint } })) }));
    const run = await runCapture(['nodes', 'import', inventory, '--data-dir', dir]);
    expect(run.code).toBe(1);
    const check = new Database(path.join(dir, 'fluxdeck.db'), { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM nodes').get()).toEqual({ n: 0 });
    expect(check.prepare('SELECT COUNT(*) AS n FROM host_keys').get()).toEqual({ n: 0 });
    check.close();
  });

  it('applies a file\'s public API only with --set-public-api, and never over plain http to another machine', async () => {
    const dir = ['--data-dir', path.join(temp.dir, 'papi')];
    const inv = (url: string) => file('papi.json', JSON.stringify({ publicApi: url, nodes: [{ name: 'p1', host: '192.0.2.77' }] }));
    const plain = await runCapture(['nodes', 'import', inv('https://api.example.org'), ...dir]);
    expect(plain.stdout).toContain('it was not applied (use --set-public-api)');
    const remoteHttp = parseJson((await runCapture(['nodes', 'import', inv('http://api.example.org'), '--set-public-api', '--json', ...dir])).stdout);
    expect(remoteHttp.publicApiApplied).toBe(false);
    const https = parseJson((await runCapture(['nodes', 'import', inv('https://api.example.org'), '--set-public-api', '--json', ...dir])).stdout);
    expect(https.publicApiApplied).toBe(true);
  });

  it('imports known_hosts pins, refuses @revoked keys and reports @cert-authority as unsupported', async () => {
    const good = ed25519Blob();
    const bad = ed25519Blob();
    const known = file('known_hosts', [
      `192.0.2.11 ssh-ed25519 ${bad.b64}`,
      `[192.0.2.11]:2200 ssh-ed25519 ${good.b64}`,
      `@revoked * ssh-ed25519 ${bad.b64}`,
      `@cert-authority *.example ssh-ed25519 ${good.b64}`,
    ].join('\n'));
    const run = await runCapture(['nodes', 'import-known-hosts', known, '--json', ...dataDir]);
    expect(run.code).toBe(0);
    const result = parseJson(run.stdout);
    expect(result.hostKeys.pins).toEqual([{ host: '192.0.2.11', port: 2200, keyType: 'ssh-ed25519', fingerprint: good.fingerprint }]);
    expect(result.hostKeys.revoked).toEqual([{ keyType: 'ssh-ed25519', fingerprint: bad.fingerprint }]);
    expect(result.hostKeysApplied).toMatchObject({ imported: 1, revoked: 1 });
    expect(result.notes.join('\n')).toMatch(/@cert-authority lines: not supported/);
  });

  it('reads ~/.ssh/config when --format ssh-config is given without a file, with pins from ~/.ssh/known_hosts', async () => {
    const home = path.join(temp.dir, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host edge-1\n  HostName 192.0.2.50\n  User flux\n  Port 2202\n');
    const key = ed25519Blob();
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[192.0.2.50]:2202 ssh-ed25519 ${key.b64}\n`);
    const run = await runCapture(['nodes', 'import', '--format', 'ssh-config', '--dry-run', '--json', '--data-dir', path.join(temp.dir, 'sshdefault')], { HOME: home });
    expect(run.code, run.stderr).toBe(0);
    const plan = parseJson(run.stdout);
    expect(plan.add).toEqual([expect.objectContaining({ name: 'edge-1', host: '192.0.2.50', sshPort: 2202, username: 'flux' })]);
    expect(plan.hostKeys.pins).toEqual([{ host: '192.0.2.50', port: 2202, keyType: 'ssh-ed25519', fingerprint: key.fingerprint }]);
    const csvWithoutFile = await runCapture(['nodes', 'import', '--format', 'csv', '--data-dir', path.join(temp.dir, 'sshdefault')], { HOME: home });
    expect(csvWithoutFile.code).toBe(2);
    expect(csvWithoutFile.stderr).toMatch(/only --format ssh-config has a default/);
  });

  it('edits a node and exports an Ansible inventory that ansible-inventory parses, groups matching tags and owners', async () => {
    expect((await runCapture(['nodes', 'edit', 'beta', '--set', 'user=flux', '--set', 'tags=eu,gpu', '--set', 'provider=Hetzner', ...dataDir])).code).toBe(0);
    const bad = await runCapture(['nodes', 'edit', 'beta', '--set', 'sshPort=99999', ...dataDir]);
    expect(bad.code).toBe(2);
    const out = path.join(temp.dir, 'inventory.yml');
    expect((await runCapture(['nodes', 'export', '--format', 'ansible', '--out', out, ...dataDir])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const parsed = (JSON.parse(execFileSync('ansible-inventory', ['-i', out, '--list'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_HOME: temp.dir, ANSIBLE_LOCAL_TEMP: temp.dir } })) as AnsibleList);
    expect(parsed.tag_gpu?.hosts).toEqual(['beta']);
    expect(parsed.tag_eu?.hosts.sort()).toEqual(['alpha first', 'beta']);
    expect(parsed.owner_acme_hosting?.hosts.sort()).toEqual(['alpha first', 'beta']);
    expect(parsed._meta.hostvars.beta).toMatchObject({ ansible_host: '192.0.2.11', ansible_port: 2200, ansible_user: 'flux' });
    const csvOut = await runCapture(['nodes', 'export', '--format', 'csv', ...dataDir]);
    expect(csvOut.stdout.split('\r\n')[0]).toBe('name,host,sshPort,apiPort,username,privateKeyPath,tags,owner,provider,monthlyCostUsd');
  });
});
