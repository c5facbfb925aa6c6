import { createHash } from 'node:crypto';
import { MIGRATION_PRESETS } from './migration-presets';
import type { NodeState, NodeStatus, Tier } from './state.schema';

/**
 * Presets give every field of a node's state. They are generated from a small table (tier × OS ×
 * situation) instead of a JSON file so heights and times follow the fleet's current height.
 */

export interface PresetContext {
  name: string;
  /** 0-based position of the node in the fleet; spreads heights so queues look real. */
  index: number;
  /** Address the node answers on; also its default `ip` in fluxd records. */
  host: string;
  height: number;
  /** Unix seconds "now" for benchmark times. */
  now: number;
  /** Default payment address for nodes that do not set one. */
  wallet: string;
}

interface TierRow {
  amount: string;
  realCores: number;
  threads: number;
  ramGb: number;
  ssdGb: number;
  eps: number;
  ddwrite: number;
}

const TIERS: Record<Tier, TierRow> = {
  CUMULUS: { amount: '1000.00', realCores: 2, threads: 4, ramGb: 8, ssdGb: 220, eps: 410.5, ddwrite: 420.3 },
  NIMBUS: { amount: '12500.00', realCores: 4, threads: 8, ramGb: 32, ssdGb: 440, eps: 905.2, ddwrite: 610.8 },
  STRATUS: { amount: '40000.00', realCores: 8, threads: 16, ramGb: 64, ssdGb: 880, eps: 2210.7, ddwrite: 880.4 },
};

/** Collateral string fluxd prints in `amount`, by tier. */
export function tierAmount(tier: Tier): string {
  return TIERS[tier].amount;
}

type Os = 'legacy' | 'arcane';
const SITUATIONS: Record<string, NodeStatus> = {
  healthy: 'CONFIRMED',
  started: 'STARTED',
  dos: 'DOS',
  expired: 'expired',
};

/** Every preset name: `<situation>-<tier>-<os>`, e.g. `healthy-stratus-legacy`. */
export const PRESET_NAMES: readonly string[] = Object.keys(SITUATIONS).flatMap((situation) =>
  (['cumulus', 'nimbus', 'stratus'] as const).flatMap((tier) =>
    (['legacy', 'arcane'] as const).map((os) => `${situation}-${tier}-${os}`),
  ),
).concat(Object.keys(MIGRATION_PRESETS));

export const DEFAULT_PRESET = 'healthy-cumulus-legacy';

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A t1-style address derived from a seed (right shape and length, not a valid checksum). */
export function fakeAddress(seed: string): string {
  const bytes = createHash('sha256').update(`addr:${seed}`).digest();
  let out = 't1';
  for (let i = 0; out.length < 35; i++) out += B58[bytes[i % bytes.length]! % 58];
  return out;
}

const GB = 1024 ** 3;

/** Builds the full default state for `preset`, or undefined when the name is unknown. */
export function buildPresetState(preset: string, ctx: PresetContext): NodeState | undefined {
  const hardware = MIGRATION_PRESETS[preset];
  if (hardware) {
    const base = buildPresetState('healthy-cumulus-legacy', ctx)!;
    return { ...base, system: { ...base.system, ...hardware } };
  }
  const match = /^(healthy|started|dos|expired)-(cumulus|nimbus|stratus)-(legacy|arcane)$/.exec(preset);
  if (!match) return undefined;
  const status = SITUATIONS[match[1]!]!;
  const tier = match[2]!.toUpperCase() as Tier;
  const os = match[3] as Os;
  const row = TIERS[tier];
  const arcane = os === 'arcane';
  const i = ctx.index;
  const h = ctx.height;

  // Spread heights deterministically so each tier's queue has a distinct, stable order.
  const confirmed = Math.max(1, h - 40_000 - ((i * 7_919) % 300_000));
  const lastConfirmed = h - 5 - ((i * 53) % 400);
  const lastPaid = h - 1 - ((i * 104_729) % 4_000);
  const started = status === 'STARTED' || status === 'DOS';
  const added = started ? h - 20 - (i % 50) : confirmed - 2;

  const fluxnodeStatus = {
    status,
    txhash: hex(`collateral:${ctx.name}`),
    outidx: i % 3,
    ip: ctx.host,
    network: 'ipv4',
    added_height: added,
    confirmed_height: started ? 0 : confirmed,
    last_confirmed_height: started ? 0 : lastConfirmed,
    last_paid_height: started ? 0 : lastPaid,
    tier,
    payment_address: ctx.wallet,
    pubkey: `04${hex(`pub1:${ctx.name}`)}${hex(`pub2:${ctx.name}`)}`,
  };

  const totalDisk = row.ssdGb * GB;
  const totalMem = row.ramGb * GB;
  const appName = `demo${i}`;
  return {
    fluxnodeStatus,
    daemonInfo: {
      version: 9000650,
      protocolversion: 170021,
      walletversion: 60000,
      balance: 0,
      blocks: h,
      timeoffset: 0,
      connections: 16 + (i % 9),
      proxy: '',
      difficulty: 1,
      testnet: false,
      keypoololdest: ctx.now - 30_000_000,
      keypoolsize: 100,
      paytxfee: 0,
      relayfee: 0.000001,
      errors: '',
    },
    blockCount: h,
    benchmarks: {
      ipaddress: ctx.host,
      architecture: 'amd64',
      armboard: '',
      status: tier,
      time: ctx.now - 3_600 - (i % 3_000),
      real_cores: row.realCores,
      cores: row.threads,
      ram: row.ramGb - 0.5,
      ssd: row.ssdGb,
      hdd: 0,
      ddwrite: row.ddwrite,
      totalstorage: row.ssdGb,
      disksinfo: [{ disk: 'sda', size: row.ssdGb, writespeed: row.ddwrite }],
      eps: row.eps,
      eps_singlethread: Math.round((row.eps / row.threads) * 100) / 100,
      ping: 0.733,
      download_speed: 940.2,
      upload_speed: 910.7,
      // getbenchmarks' own field as real nodes print it (fluxapi.yaml: "1.0.20"); the fluxbench
      // daemon version FluxOS checks is benchInfo.version (/benchmark/getinfo).
      bench_version: '1.0.20',
      speed_version: '1.2.0',
      systemsecure: arcane,
      thunder: false,
      error: '',
    },
    benchStatus: { status: 'online', benchmarking: tier, flux: 'connected' },
    benchInfo: { version: '6.3.1', rpcport: 16224 },
    fluxVersion: '8.17.0',
    isArcaneOS: arcane,
    uptime: 86_400 + i * 97,
    systemUptime: 864_000 + i * 131,
    // Containers and locked resources follow from installedApps (src-main/sim/apps-view.ts).
    installedApps: [
      {
        version: 8,
        name: appName,
        description: 'Simulated app',
        owner: '1SimOwnerAddressXXXXXXXXXXXXXXXXXX',
        compose: [
          {
            name: 'web',
            description: 'web',
            repotag: 'runonflux/website:latest',
            ports: [31000 + (i % 1000)],
            containerPorts: [80],
            domains: [''],
            environmentParameters: [],
            commands: [],
            containerData: '/data',
            cpu: 0.5,
            ram: 500,
            hdd: 5,
          },
        ],
        instances: 3,
        contacts: [],
        geolocation: [],
        expire: 88_000,
        nodes: [],
        staticip: false,
        enterprise: '',
        hash: hex(`spec:${appName}`),
        height: h - 1_000,
      },
    ],
    fluxInfo: {
      nodeJsVersion: '22.14.0',
      syncthingVersion: '2.0.10',
      dockerVersion: '28.1.1',
      mongoDbVersion: '7.0.14',
      os: 'Ubuntu',
      osVersion: arcane ? '24.04' : '22.04',
      osPrettyName: arcane ? 'ArcaneOS (Ubuntu 24.04.2 LTS)' : 'Ubuntu 22.04.5 LTS',
      staticIp: true,
      zelid: '1SimZelIdAddressXXXXXXXXXXXXXXXXXX',
      timezone: 'UTC',
      dos: { dosState: 0, dosMessage: null },
      appsDos: { dosState: 0, dosMessage: null },
      development: false,
      numberOfConnectionsOut: 12,
      numberOfConnectionsIn: 10,
      ...(arcane ? { arcaneVersion: '1.8.0', arcaneHumanVersion: 'livid manatee' } : {}),
    },
    services: arcane
      ? { fluxd: 'active', fluxbenchd: 'active', fluxos: 'active', 'flux-watchdog': 'active', docker: 'active', mongod: 'active', 'flux-configd': 'active' }
      : { zelcash: 'active', mongod: 'active', docker: 'active' },
    system: {
      hostname: ctx.name.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63) || 'fluxnode',
      arch: 'x86_64',
      cpus: row.threads,
      disk: { filesystem: arcane ? '/dev/mapper/vg-root' : '/dev/sda1', mount: '/', sizeBytes: totalDisk, usedBytes: Math.round(totalDisk * 0.42) },
      memory: {
        totalBytes: totalMem,
        usedBytes: Math.round(totalMem * 0.38),
        sharedBytes: 64 * 1024 ** 2,
        buffCacheBytes: Math.round(totalMem * 0.3),
        swapTotalBytes: 2 * GB,
        swapUsedBytes: 0,
      },
      load: [0.42 + (i % 5) / 10, 0.51, 0.48],
    },
    confirming: status !== 'DOS' && status !== 'expired',
    collateral: { spent: false, height: added - 100 - (i % 500), value: Number(row.amount) },
    sshShell: arcane ? 'restricted' : 'full',
  };
}
