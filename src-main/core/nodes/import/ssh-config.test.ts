import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSshConfig } from './ssh-config';

/** What `ssh -G` (the real OpenSSH client) resolves for one host of a config file. */
function sshG(config: string, alias: string): { hostname: string; port: number; user: string; identityfile: string[] } {
  const out = execFileSync('ssh', ['-G', '-F', config, alias], { encoding: 'utf8' });
  const lines = out.split('\n').map((l) => l.split(' '));
  const one = (k: string) => lines.find((l) => l[0] === k)?.slice(1).join(' ') ?? '';
  return {
    hostname: one('hostname'),
    port: Number(one('port')),
    user: one('user'),
    identityfile: lines.filter((l) => l[0] === 'identityfile').map((l) => l.slice(1).join(' ').replace(/^~\//, `${os.homedir()}/`)),
  };
}

function trickyConfig(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-sshcfg-'));
  mkdirSync(path.join(dir, 'conf.d'));
  writeFileSync(path.join(dir, 'conf.d', '10-west.conf'), [
    'Host west-*',
    '  User westop',
    '  Port 2201',
    'Host west-3',
    '  Port 9999', // never wins: west-* above gave Port first
  ].join('\n'));
  writeFileSync(path.join(dir, 'conf.d', '20-east.conf'), 'Host east-1 east-2\n  HostName %h.east.example\n  IdentityFile /keys/east_%r\n');
  const config = path.join(dir, 'config');
  writeFileSync(config, [
    '# fleet of an MSP',
    `Include ${dir}/conf.d/2*.conf`,
    'Host gw',
    '  HostName 10.0.0.1',
    '  Port=2222',
    '  User "ops"',
    '  IdentityFile /keys/gw_ed25519',
    '  IdentityFile /keys/second',
    // Inside the gw block: readconf.c reads this file with no Host line able to match for others.
    `Include ${dir}/conf.d/1*.conf`,
    'Host west-1 west-2 west-3 !west-2',
    '  HostName 192.0.2.%h',
    '  User ignored-for-west',
    'Host west-2',
    '  HostName 192.0.2.22',
    'Match user nobody-at-all',
    '  Port 7777',
    'Host node?',
    '  User wild',
    'Host node1 solo',
    '  HostName 198.51.100.7',
    '  Port 22022',
    'Host *',
    '  User fallback',
    '  Port 2022',
  ].join('\n'));
  return config;
}

describe('ssh config import resolution', () => {
  it('resolves every host exactly as ssh -G does', () => {
    const config = trickyConfig();
    const scan = scanSshConfig(config);
    expect(scan.aliases).toEqual(['east-1', 'east-2', 'gw', 'west-3', 'west-1', 'west-2', 'node1', 'solo']);
    for (const alias of scan.aliases) {
      const ours = scan.resolve(alias);
      const real = sshG(config, alias);
      expect({ alias, hostname: ours.hostName, port: ours.port, user: ours.user }).toEqual({ alias, hostname: real.hostname, port: real.port, user: real.user });
      // ssh -G prints IdentityFile before token expansion; ssh expands %h/%r/%p when it connects.
      const expanded = real.identityfile.map((f) => f.replace(/%r/g, real.user).replace(/%h/g, real.hostname).replace(/%p/g, String(real.port)));
      if (ours.identityFiles.length > 0) expect(ours.identityFiles).toEqual(expanded);
    }
  });

  it('reports Match blocks instead of guessing them', () => {
    const scan = scanSshConfig(trickyConfig());
    expect(scan.matchBlocks.map((m) => m.text)).toEqual(['Match user nobody-at-all']);
  });
});
