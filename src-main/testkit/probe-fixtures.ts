import type { BenchStatus, Benchmarks, DaemonInfo, FluxnodeStatus, RunningApp } from '../../src-shared/fluxos.types';
import type { ApiFacts, ProbeError, ProbeResult, SourceResult, SshFacts } from '../core/probe/probe-types';

/** Hand-built probes for pure health tests: a healthy CONFIRMED legacy Cumulus at height 2,100,000. */

export const HEIGHT = 2_100_000;
export const AT = 1_760_000_000_000;

export function ok<T>(value: T, at = AT): SourceResult<T> {
  return { ok: true, value, at, cached: false };
}

export function fail<T>(code: ProbeError['code'], source: string, message = 'failed', extra: Partial<ProbeError> = {}): SourceResult<T> {
  return { ok: false, error: { code, message, source, ...extra }, at: AT };
}

export function fluxnodeStatus(patch: Partial<FluxnodeStatus> = {}): FluxnodeStatus {
  return {
    status: 'CONFIRMED',
    tier: 'CUMULUS',
    collateral: `COutPoint(${'ab'.repeat(32)}, 0)`,
    txhash: 'ab'.repeat(32),
    outidx: 0,
    amount: 1000,
    paymentAddress: 't1SimWalletXXXXXXXXXXXXXXXXXXXXXXX',
    ip: '203.0.113.7',
    network: 'ipv4',
    addedHeight: 2_050_000,
    confirmedHeight: 2_050_002,
    lastConfirmedHeight: HEIGHT - 100,
    lastPaidHeight: HEIGHT - 50,
    activeSince: 1_750_000_000,
    lastPaid: 1_759_998_500,
    ...patch,
  };
}

export function benchmarks(patch: Partial<Benchmarks> = {}): Benchmarks {
  return {
    status: 'CUMULUS',
    tier: 'CUMULUS',
    ipAddress: '203.0.113.7',
    architecture: 'amd64',
    time: 1_759_990_000,
    realCores: 2,
    cores: 4,
    ramGb: 7.5,
    ssdGb: 220,
    hddGb: 0,
    totalStorageGb: 220,
    ddWriteMbs: 420.3,
    eps: 410.5,
    epsSingleThread: 102.6,
    pingMs: 0.7,
    downloadMbps: 940.2,
    uploadMbps: 910.7,
    // getbenchmarks' own field, as real nodes print it; the daemon version is getinfo's.
    benchVersion: '1.0.20',
    speedVersion: '1.2.0',
    thunder: false,
    systemSecure: false,
    error: null,
    disks: [],
    ...patch,
  };
}

const daemonInfo = (blocks = HEIGHT): DaemonInfo => ({
  version: 9000650,
  versionText: '9.0.6-50',
  protocolVersion: 170021,
  blocks,
  connections: 16,
  difficulty: 1,
  testnet: false,
  timeOffset: 0,
  errors: '',
});

const benchStatus: BenchStatus = { status: 'online', benchmarking: 'CUMULUS', flux: 'connected' };

const app: RunningApp = {
  id: 'c'.repeat(64),
  containerName: 'fluxweb_demo0',
  appName: 'demo0',
  componentName: 'web',
  image: 'runonflux/website:latest',
  created: 1_759_000_000,
  state: 'running',
  statusText: 'Up 5 days',
  ports: [{ ip: '0.0.0.0', privatePort: 80, publicPort: 31000, type: 'tcp' }],
};

export function apiFacts(patch: Partial<ApiFacts> = {}): ApiFacts {
  return {
    fluxnodeStatus: ok(fluxnodeStatus()),
    daemonInfo: ok(daemonInfo()),
    benchmarks: ok(benchmarks()),
    benchStatus: ok(benchStatus),
    benchInfo: ok({ version: '6.3.1', rpcPort: 16224 }),
    fluxVersion: ok('8.17.0'),
    isArcaneOs: ok(false),
    uptime: ok(86_400),
    runningApps: ok([app]),
    installedApps: ok([
      {
        name: 'demo0',
        specVersion: 8,
        owner: '1SimOwnerAddressXXXXXXXXXXXXXXXXXX',
        description: 'Simulated app',
        instances: 3,
        hash: null,
        height: null,
        enterprise: false,
        components: [{ name: 'web', description: 'web', repotag: 'runonflux/website:latest', cpu: 0.5, ramMb: 500, hddGb: 5, ports: [31000] }],
      },
    ]),
    appsResources: ok({ cpu: 0.5, ramMb: 500, hddGb: 12 }),
    geolocation: ok({
      ip: '203.0.113.10', continent: 'Europe', continentCode: 'EU', country: 'Germany', countryCode: 'DE', region: 'BY',
      regionName: 'Bavaria', city: 'Nuremberg', lat: 49.45, lon: 11.07, org: 'Simulated Hosting', static: true, dataCenter: true,
    }),
    ...patch,
  };
}

export { daemonInfo };

export function sshFacts(patch: Partial<SshFacts> = {}): SshFacts {
  return {
    disk: ok({ totalBytes: 236_223_201_280, usedBytes: 99_213_344_768, availableBytes: 137_009_856_512, mount: '/' }),
    memory: ok({ totalBytes: 8_335_228_928, availableBytes: 5_167_841_280 }),
    load1: ok(0.42),
    cores: ok(4),
    arch: ok('x86_64'),
    services: ok({ zelcash: 'active', fluxd: 'inactive', fluxbenchd: 'inactive', mongod: 'active', docker: 'active' }),
    containers: ok([]),
    benchVersion: ok('6.3.1'),
    syncthingVersion: ok('2.0.10'),
    dockerVersion: ok('28.1.1'),
    truncated: false,
    ...patch,
  };
}

export function probe(patch: Partial<ProbeResult> = {}): ProbeResult {
  return {
    nodeId: 1,
    name: 'node-1',
    host: '203.0.113.7',
    tags: ['home'],
    startedAt: AT,
    finishedAt: AT + 50,
    api: apiFacts(),
    rank: ok({ rank: 9, tier: 'CUMULUS' }),
    publicHeight: ok(HEIGHT),
    ssh: { attempted: true, result: ok(sshFacts()) },
    ...patch,
  };
}
