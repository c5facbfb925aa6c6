import { describe, it, expect } from 'vitest';
import {
  formatDaemonVersion,
  normalizeBlockCount,
  normalizeDaemonInfo,
  normalizeDeterministicList,
  normalizeFluxnodeCount,
  normalizeFluxnodeStatus,
} from './daemon.schemas';
import { normalizeBenchStatus, normalizeBenchmarks, normalizeDaemonBenchmarks } from './benchmark.schemas';
import { normalizeInstalledApps, normalizeRunningApps, splitContainerName } from './apps.schemas';
import { normalizeFluxVersion, normalizeIsArcaneOs, normalizeUptimeSeconds, normalizeVotePower } from './flux.schemas';

const TX = 'a'.repeat(64);
const parseJson = (t: string): unknown => JSON.parse(t);

describe('node status', () => {
  it('maps the lowercase expired answer to EXPIRED with only what fluxd said', () => {
    const s = normalizeFluxnodeStatus({ status: 'expired', collateral: `COutPoint(${TX}, 1)` });
    expect(s.status).toBe('EXPIRED');
    expect(s.txhash).toBe(TX);
    expect(s.outidx).toBe(1);
    expect(s.tier).toBeNull();
    expect(s.lastPaid).toBeNull();
    expect(s.amount).toBeNull();
  });

  it('treats numeric 0 for activesince/lastpaid as unknown, and accepts numbers for strings', () => {
    const s = normalizeFluxnodeStatus({ status: 'STARTED', tier: 'NIMBUS', activesince: 0, lastpaid: '0', amount: 12500 });
    expect(s.activeSince).toBeNull();
    expect(s.lastPaid).toBeNull();
    expect(s.amount).toBe(12500);
    expect(s.tier).toBe('NIMBUS');
    expect(s.ip).toBeNull();
  });

  it('keeps an unknown tier as null instead of guessing (old NIMMBUS typo)', () => {
    expect(normalizeFluxnodeStatus({ status: 'DOS', tier: 'NIMMBUS' }).tier).toBeNull();
  });

  it('rejects an unknown status', () => {
    expect(() => normalizeFluxnodeStatus({ status: 'ENABLED' })).toThrow();
    expect(() => normalizeFluxnodeStatus('CONFIRMED')).toThrow();
  });
});

describe('daemon info, height, count', () => {
  it('formats fluxd integer versions', () => {
    expect(formatDaemonVersion(9000650)).toBe('9.0.6-50');
    expect(formatDaemonVersion(6010050)).toBe('6.1.0-50');
  });

  it('reads getinfo and requires version and blocks', () => {
    const info = normalizeDaemonInfo({ version: 6010050, protocolversion: 170018, blocks: 1414803, connections: 33, errors: '' });
    expect(info).toMatchObject({ versionText: '6.1.0-50', blocks: 1414803, connections: 33, testnet: null, errors: '' });
    expect(() => normalizeDaemonInfo({ version: 1 })).toThrow();
  });

  it('reads the block count and refuses garbage', () => {
    expect(normalizeBlockCount(2160000)).toBe(2160000);
    expect(() => normalizeBlockCount(-1)).toThrow();
    expect(() => normalizeBlockCount('abc')).toThrow();
  });

  it('reads hyphenated count keys and falls back to basic/super/bamf', () => {
    expect(normalizeFluxnodeCount({ total: 10, stable: 10, 'basic-enabled': 5, 'super-enabled': 3, 'bamf-enabled': 2 })).toMatchObject({
      cumulusEnabled: 5,
      nimbusEnabled: 3,
      stratusEnabled: 2,
      ipv4: null,
    });
  });
});

describe('deterministic list', () => {
  it('keeps good elements and counts broken ones', () => {
    const list = normalizeDeterministicList([
      { txhash: TX, outidx: 0, ip: '1.2.3.4:16137', payment_address: 't1a', tier: 'CUMULUS', rank: 0, activesince: '1700000000', amount: '1000.00' },
      { txhash: 'nothex', outidx: 0, ip: 'x', payment_address: 't1b' },
      null,
    ]);
    expect(list.invalid).toBe(2);
    expect(list.nodes).toHaveLength(1);
    expect(list.nodes[0]).toMatchObject({ ip: '1.2.3.4:16137', rank: 0, activeSince: 1700000000, amount: 1000, lastPaid: null });
  });

  it('refuses a non-array', () => {
    expect(() => normalizeDeterministicList({ nodes: [] })).toThrow();
  });
});

describe('benchmarks', () => {
  const example = {
    ipaddress: '149.154.176.24',
    architecture: 'amd64',
    status: 'STRATUS',
    time: 1692898160,
    real_cores: 8,
    cores: 16,
    ram: 62,
    ssd: 880,
    hdd: 0,
    ddwrite: 830.88,
    totalstorage: 880,
    disksinfo: [{ disk: 'sda', size: 880, writespeed: 830.88 }, 'junk'],
    eps: 3449.12,
    ping: 0.733,
    download_speed: 1370.83,
    upload_speed: 4973.01,
    bench_version: '1.0.20',
    speed_version: '1.2.0',
    thunder: false,
    error: '',
  };

  it('reads the documented example and leaves absent newer fields null', () => {
    const b = normalizeBenchmarks(example);
    expect(b).toMatchObject({ tier: 'STRATUS', ramGb: 62, eps: 3449.12, systemSecure: null, epsSingleThread: null, error: null });
    expect(b.disks).toEqual([{ disk: 'sda', sizeGb: 880, writeSpeedMbs: 830.88 }]);
  });

  it('keeps unknown statuses as text with no tier', () => {
    const b = normalizeBenchmarks({ status: 'toaster', eps: 'n/a', systemsecure: true });
    expect(b).toMatchObject({ status: 'toaster', tier: null, eps: null, systemSecure: true });
  });

  it('bench status reads flux or the legacy zelback key', () => {
    expect(normalizeBenchStatus({ status: 'online', benchmarking: 'CUMULUS', flux: 'connected' }).flux).toBe('connected');
    expect(normalizeBenchStatus({ status: 'online', benchmarking: 'running', zelback: 'disconnected' }).flux).toBe('disconnected');
    expect(() => normalizeBenchStatus({ status: 'online' })).toThrow();
  });

  it('daemon benchmarks: JSON string, object, or not running', () => {
    expect(normalizeDaemonBenchmarks(JSON.stringify(example), parseJson)).toMatchObject({ running: true, benchmarks: { tier: 'STRATUS' } });
    expect(normalizeDaemonBenchmarks(example, parseJson)).toMatchObject({ running: true });
    expect(normalizeDaemonBenchmarks('Benchmark not running', parseJson)).toEqual({ running: false, message: 'Benchmark not running' });
  });
});

describe('apps', () => {
  it('splits container names into app and component', () => {
    expect(splitContainerName('/fluxweb_myapp')).toEqual({ appName: 'myapp', componentName: 'web' });
    expect(splitContainerName('/fluxmyapp')).toEqual({ appName: 'myapp', componentName: null });
    expect(splitContainerName('zelKadena')).toEqual({ appName: 'Kadena', componentName: null });
    expect(splitContainerName('/watchtower')).toEqual({ appName: null, componentName: null });
  });

  it('reads running containers and skips unreadable ones', () => {
    const apps = normalizeRunningApps([
      {
        Id: 'abc',
        Names: ['/fluxweb_myapp'],
        Image: 'nginx:latest',
        Created: 1700000000,
        Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 31000, Type: 'tcp' }],
        Labels: {},
        State: 'running',
        Status: 'Up 5 days',
      },
      { Names: [] },
    ]);
    expect(apps).toEqual([
      {
        id: 'abc',
        containerName: 'fluxweb_myapp',
        appName: 'myapp',
        componentName: 'web',
        image: 'nginx:latest',
        created: 1700000000,
        state: 'running',
        statusText: 'Up 5 days',
        ports: [{ ip: '0.0.0.0', privatePort: 80, publicPort: 31000, type: 'tcp' }],
      },
    ]);
  });

  it('reads installed specs, flat (v1) and compose', () => {
    const apps = normalizeInstalledApps([
      { name: 'old', version: 1, repotag: 'a/b:1', cpu: 0.5, ram: 500, hdd: 5, owner: '1abc' },
      { name: 'new', version: 7, compose: [{ name: 'web', repotag: 'c/d', cpu: 1, ram: 1000, hdd: 10 }], hash: 'h', height: 5 },
      { description: 'no name' },
    ]);
    expect(apps).toHaveLength(2);
    expect(apps[0]?.components).toEqual([{ name: 'old', repotag: 'a/b:1', cpu: 0.5, ramMb: 500, hddGb: 5, ports: [] }]);
    expect(apps[1]).toMatchObject({ specVersion: 7, hash: 'h', height: 5, components: [{ name: 'web', ramMb: 1000 }] });
  });

  it('keeps a tiered spec’s per-tier figures, and none for a spec that is not tiered', () => {
    const tiers = { cpubasic: 0.5, rambasic: 500, hddbasic: 5, cpusuper: '1', ramsuper: 2000, hddsuper: 20, cpubamf: 4, rambamf: 8000, hddbamf: 80 };
    const [compose, flat, off] = normalizeInstalledApps([
      { name: 'tc', version: 7, compose: [{ name: 'db', repotag: 'x/db', cpu: 1, ram: 1000, hdd: 10, tiered: true, ...tiers }] },
      { name: 'tf', version: 3, repotag: 'x/flat', cpu: 1, ram: 1000, hdd: 10, tiered: true, ...tiers, rambamf: 'lots' },
      { name: 'tn', version: 7, compose: [{ name: 'db', repotag: 'x/db', cpu: 1, ram: 1000, hdd: 10, tiered: false, ...tiers }] },
    ]);
    expect(compose?.components[0]?.tiers).toEqual({
      basic: { cpu: 0.5, ramMb: 500, hddGb: 5 },
      super: { cpu: 1, ramMb: 2000, hddGb: 20 },
      bamf: { cpu: 4, ramMb: 8000, hddGb: 80 },
    });
    expect(flat?.components[0]?.tiers?.bamf).toEqual({ cpu: 4, ramMb: null, hddGb: 80 });
    expect(off?.components[0]).not.toHaveProperty('tiers');
  });
});

describe('flux scalars', () => {
  it('version, arcane flag, uptime', () => {
    expect(normalizeFluxVersion('8.17.0')).toBe('8.17.0');
    expect(() => normalizeFluxVersion('<script>')).toThrow();
    expect(normalizeIsArcaneOs(false)).toBe(false);
    expect(() => normalizeIsArcaneOs('true')).toThrow();
    expect(normalizeUptimeSeconds(1234.56)).toBe(1234);
    expect(() => normalizeUptimeSeconds(-5)).toThrow();
  });
});

describe('stats vote power (Flux ID discovery)', () => {
  const txhash = 'A'.repeat(64);
  it('reads fluxstats\' {power, nodes} answer and drops entries it cannot read', () => {
    const data = {
      power: 110,
      nodes: [
        { tier: 'STRATUS', ip: '203.0.113.9:16127', txhash, outidx: '1', address: 't1abcdefghijklmnopqrstuvwxyz12345', power: 100, zelid: '1x' },
        { tier: 'CUMULUS', ip: '203.0.113.10', txhash: 'nothex', outidx: 0, address: 't1abcdefghijklmnopqrstuvwxyz12345', power: 10, zelid: '1x' },
      ],
    };
    expect(normalizeVotePower(data)).toEqual([{ tier: 'STRATUS', ip: '203.0.113.9:16127', txhash: 'a'.repeat(64), outidx: 1, paymentAddress: 't1abcdefghijklmnopqrstuvwxyz12345' }]);
    expect(() => normalizeVotePower({ power: 0 })).toThrow();
  });
});
