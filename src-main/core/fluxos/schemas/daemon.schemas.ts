import { z } from 'zod';
import type {
  FluxnodeHistory,
  BlockSubsidy,
  DaemonInfo,
  DeterministicList,
  DeterministicNode,
  FluxnodeCount,
  FluxnodeStatus,
} from '../../../../src-shared/fluxos.types';
import {
  intLike,
  numberLike,
  optBool,
  optInt,
  optNumber,
  optText,
  optTier,
  optUnixSeconds,
  parseOutPoint,
  text,
} from './lenient';

/*
 * Shapes from fluxd's RPC output as FluxOS passes it through (flux-facts §1.4–1.6,
 * RunOnFlux/fluxd src/rpc/fluxnode.cpp, src/rpc/misc.cpp).
 */

const ACTIVE_STATES = ['CONFIRMED', 'STARTED', 'DOS', 'OFFLINE'] as const;

// The fields fluxd's node status and its deterministic list entries share (fluxnode.cpp prints both
// from the same list data); each schema tightens what it can rely on.
const nodeListFields = z.object({
  collateral: optText,
  txhash: optText,
  outidx: optInt,
  ip: optText,
  network: optText,
  added_height: optInt,
  confirmed_height: optInt,
  last_confirmed_height: optInt,
  last_paid_height: optInt,
  tier: optTier,
  payment_address: optText,
  activesince: optUnixSeconds,
  lastpaid: optUnixSeconds,
  amount: optNumber,
});

const activeStatusSchema = nodeListFields.extend({ status: z.enum(ACTIVE_STATES) });

// An outpoint in none of fluxd's lists: lowercase status and nothing but the collateral.
const expiredStatusSchema = z.object({
  status: z.literal('expired'),
  collateral: optText,
});

/** `/daemon/getfluxnodestatus`. */
export function normalizeFluxnodeStatus(data: unknown): FluxnodeStatus {
  const expired = expiredStatusSchema.safeParse(data);
  if (expired.success) {
    const outpoint = parseOutPoint(expired.data.collateral);
    return {
      status: 'EXPIRED',
      tier: null,
      collateral: expired.data.collateral,
      txhash: outpoint?.txhash ?? null,
      outidx: outpoint?.outidx ?? null,
      amount: null,
      paymentAddress: null,
      ip: null,
      network: null,
      addedHeight: null,
      confirmedHeight: null,
      lastConfirmedHeight: null,
      lastPaidHeight: null,
      activeSince: null,
      lastPaid: null,
    };
  }
  const s = activeStatusSchema.parse(data);
  const outpoint = parseOutPoint(s.collateral);
  return {
    status: s.status,
    tier: s.tier,
    collateral: s.collateral,
    txhash: s.txhash ?? outpoint?.txhash ?? null,
    outidx: s.outidx ?? outpoint?.outidx ?? null,
    amount: s.amount,
    paymentAddress: s.payment_address,
    ip: s.ip,
    network: s.network,
    ...historyOf(s),
  };
}

const getInfoSchema = z.object({
  version: intLike,
  protocolversion: optInt,
  blocks: intLike,
  connections: optInt,
  difficulty: optNumber,
  testnet: optBool,
  timeoffset: optInt,
  errors: optText,
});

/** fluxd's integer version `1e6·major + 1e4·minor + 100·rev + build` as `major.minor.rev-build`. */
export function formatDaemonVersion(version: number): string {
  const major = Math.floor(version / 1_000_000);
  const minor = Math.floor(version / 10_000) % 100;
  const rev = Math.floor(version / 100) % 100;
  const build = version % 100;
  return `${major}.${minor}.${rev}-${build}`;
}

/** `/daemon/getinfo`. */
export function normalizeDaemonInfo(data: unknown): DaemonInfo {
  const s = getInfoSchema.parse(data);
  return {
    version: s.version,
    versionText: formatDaemonVersion(s.version),
    protocolVersion: s.protocolversion,
    blocks: s.blocks,
    connections: s.connections,
    difficulty: s.difficulty,
    testnet: s.testnet,
    timeOffset: s.timeoffset,
    errors: s.errors ?? '',
  };
}

// Built once: a schema built per answer costs far more than the parse.
const blockCount = intLike.pipe(z.number().int().nonnegative());

/** `/daemon/getblockcount`. */
export function normalizeBlockCount(data: unknown): number {
  return blockCount.parse(data);
}

const listElementSchema = nodeListFields.extend({
  txhash: z.string().regex(/^[0-9a-fA-F]{64}$/),
  outidx: intLike,
  ip: text,
  payment_address: text,
  pubkey: optText,
  rank: optInt,
});

type HistoryFields = Record<'added_height' | 'confirmed_height' | 'last_confirmed_height' | 'last_paid_height' | 'activesince' | 'lastpaid', number | null>;

/** The fields the node status and the list entries share, renamed once. */
function historyOf(s: HistoryFields): FluxnodeHistory {
  return {
    addedHeight: s.added_height,
    confirmedHeight: s.confirmed_height,
    lastConfirmedHeight: s.last_confirmed_height,
    lastPaidHeight: s.last_paid_height,
    activeSince: s.activesince,
    lastPaid: s.lastpaid,
  };
}

function toDeterministicNode(s: z.output<typeof listElementSchema>): DeterministicNode {
  return {
    collateral: s.collateral,
    txhash: s.txhash.toLowerCase(),
    outidx: s.outidx,
    ip: s.ip,
    network: s.network,
    tier: s.tier,
    paymentAddress: s.payment_address,
    pubkey: s.pubkey,
    ...historyOf(s),
    amount: s.amount,
    rank: s.rank,
  };
}

/**
 * `/daemon/viewdeterministicfluxnodelist`: must be an array; single unreadable elements are skipped
 * and counted so one odd entry does not hide ten thousand good ones.
 */
const anyList = z.array(z.unknown());

export function normalizeDeterministicList(data: unknown): DeterministicList {
  const items = anyList.parse(data);
  const nodes: DeterministicNode[] = [];
  let invalid = 0;
  for (const item of items) {
    const parsed = listElementSchema.safeParse(item);
    if (parsed.success) nodes.push(toDeterministicNode(parsed.data));
    else invalid++;
  }
  return { nodes, invalid };
}

const countSchema = z.object({
  total: intLike,
  stable: optInt,
  'cumulus-enabled': optInt,
  'nimbus-enabled': optInt,
  'stratus-enabled': optInt,
  'basic-enabled': optInt,
  'super-enabled': optInt,
  'bamf-enabled': optInt,
  ipv4: optInt,
  ipv6: optInt,
  onion: optInt,
});

/** `/daemon/getfluxnodecount`; basic/super/bamf are fluxd's older names for cumulus/nimbus/stratus. */
export function normalizeFluxnodeCount(data: unknown): FluxnodeCount {
  const s = countSchema.parse(data);
  return {
    total: s.total,
    stable: s.stable,
    cumulusEnabled: s['cumulus-enabled'] ?? s['basic-enabled'],
    nimbusEnabled: s['nimbus-enabled'] ?? s['super-enabled'],
    stratusEnabled: s['stratus-enabled'] ?? s['bamf-enabled'],
    ipv4: s.ipv4,
    ipv6: s.ipv6,
    onion: s.onion,
  };
}

/** `/daemon/getblocksubsidy`. */
const subsidySchema = z.object({ miner: numberLike });

export function normalizeBlockSubsidy(data: unknown): BlockSubsidy {
  return { miner: subsidySchema.parse(data).miner };
}
