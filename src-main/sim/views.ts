import { appsResourcesAt, geolocationView, runningAppsAt } from './apps-view';
import { PON_HEIGHT, TIERS, type SimChain } from './chain';
import { tierAmount } from './presets';
import type { SimNode } from './sim-node';

/**
 * Route data derived from node state. HTTP routes wrap these in the FluxOS envelope; SSH commands
 * print them as fluxd/fluxbench would. Key order follows fluxd's pushKV order.
 */

/** fluxd's `COutPoint::ToFullString()`. */
export function collateralString(node: SimNode): string {
  const s = node.state.fluxnodeStatus;
  return `COutPoint(${s.txhash}, ${s.outidx})`;
}

function recordFields(node: SimNode, chain: SimChain): Record<string, unknown> {
  const s = node.state.fluxnodeStatus;
  const at = (h: number): string | number => (chain.height >= h ? String(chain.blockTime(h)) : 0);
  return {
    collateral: collateralString(node),
    txhash: s.txhash,
    outidx: s.outidx,
    ip: s.ip,
    network: s.network,
    added_height: s.added_height,
    confirmed_height: s.confirmed_height,
    last_confirmed_height: s.last_confirmed_height,
    last_paid_height: s.last_paid_height,
    tier: s.tier,
    payment_address: s.payment_address,
    pubkey: s.pubkey,
    activesince: at(s.added_height),
    lastpaid: at(s.last_paid_height),
    amount: tierAmount(s.tier),
    // Extra keys from the fleet file are served too (after the real ones).
    ...Object.fromEntries(Object.entries(s).filter(([k]) => !KNOWN_RECORD_KEYS.has(k))),
  };
}

const KNOWN_RECORD_KEYS = new Set([
  'status', 'collateral', 'txhash', 'outidx', 'ip', 'network', 'added_height', 'confirmed_height',
  'last_confirmed_height', 'last_paid_height', 'tier', 'payment_address', 'pubkey', 'activesince', 'lastpaid', 'amount',
]);

/** `getfluxnodestatus`: the lowercase two-field answer when the node has no record. */
export function fluxnodeStatusView(node: SimNode, chain: SimChain): Record<string, unknown> {
  const s = node.state.fluxnodeStatus;
  if (s.status === 'expired') return { status: 'expired', collateral: collateralString(node) };
  return { status: s.status, ...recordFields(node, chain) };
}

/** One deterministic-list element (rank computed over the whole queue before filtering). */
export function listEntryView(node: SimNode, chain: SimChain, rank: number): Record<string, unknown> {
  return { ...recordFields(node, chain), rank };
}

/** `viewdeterministicfluxnodelist [filter]`: substring match on txhash, pubkey, ip, payment address. */
export function deterministicListView(chain: SimChain, filter: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const tier of TIERS) {
    chain.queue(tier).forEach((node, rank) => {
      const s = node.state.fluxnodeStatus;
      if (filter && !s.txhash.includes(filter) && !s.pubkey.includes(filter) && !s.ip.includes(filter) && !s.payment_address.includes(filter)) return;
      out.push(listEntryView(node, chain, rank));
    });
  }
  return out;
}

/** `getfluxnodecount`, from the fleet file when given, else counted over the simulated fleet. */
export function nodeCountView(chain: SimChain, fromFile: Record<string, unknown> | undefined): Record<string, unknown> {
  if (fromFile) return fromFile;
  const [c, n, s] = TIERS.map((t) => chain.queue(t).length) as [number, number, number];
  let ipv4 = 0;
  let ipv6 = 0;
  for (const tier of TIERS) {
    for (const node of chain.queue(tier)) {
      if (node.state.fluxnodeStatus.network === 'ipv6') ipv6++;
      else ipv4++;
    }
  }
  const total = c + n + s;
  return {
    total, stable: total,
    'basic-enabled': c, 'super-enabled': n, 'bamf-enabled': s,
    'cumulus-enabled': c, 'nimbus-enabled': n, 'stratus-enabled': s,
    ipv4, ipv6, onion: 0,
  };
}

/** Whole block subsidy in FLUX at height `h` (fluxd GetBlockSubsidy, satoshi integer math). */
export function blockSubsidy(h: number): number {
  if (h < PON_HEIGHT) return 37.5;
  const cuts = Math.min(20, Math.floor((h - PON_HEIGHT) / 1_051_200));
  let sat = 14 * 100_000_000;
  for (let i = 0; i < cuts; i++) sat = Math.floor((sat * 9) / 10);
  return sat / 100_000_000;
}

export function daemonInfoView(node: SimNode): Record<string, unknown> {
  return { ...node.state.daemonInfo, blocks: node.state.blockCount };
}

/** `/flux/info`: everything at once; `arcane*` keys only when the state carries them. */
export function fluxInfoView(node: SimNode, chain: SimChain): Record<string, unknown> {
  const st = node.state;
  const ip = st.fluxnodeStatus.ip;
  return {
    daemon: { info: daemonInfoView(node), zmqEnabled: true },
    node: { status: fluxnodeStatusView(node, chain) },
    benchmark: { info: st.benchInfo, status: st.benchStatus, bench: st.benchmarks },
    flux: {
      version: st.fluxVersion,
      ip: ip.includes(':') ? ip : `${ip}:16127`,
      upnp: ip.includes(':'),
      maxNumberOfIpChanges: 2,
      explorerScannedHeigth: { generalScannedHeight: st.blockCount },
      ...st.fluxInfo,
    },
    apps: { fluxusage: 0, runningapps: runningAppsAt(node, chain.height, chain.blockTime(chain.height)), resources: appsResourcesAt(node, chain.height) },
    geolocation: geolocationView(node),
    appsHashesTotal: 1234,
    hashesPresent: 1234,
  };
}

/** `gettxout <txid> <n>` result, or null when spent/unknown (flux-cli then prints nothing). */
export function txOutView(node: SimNode, txid: string, n: number): Record<string, unknown> | null {
  const s = node.state.fluxnodeStatus;
  const c = node.state.collateral;
  if (c.spent || txid !== s.txhash || n !== s.outidx) return null;
  return {
    bestblock: '0000000' + s.txhash.slice(7),
    confirmations: Math.max(0, node.state.blockCount - c.height + 1),
    value: c.value,
    scriptPubKey: {
      asm: `OP_DUP OP_HASH160 ${s.pubkey.slice(2, 42)} OP_EQUALVERIFY OP_CHECKSIG`,
      hex: `76a914${s.pubkey.slice(2, 42)}88ac`,
      reqSigs: 1,
      type: 'pubkeyhash',
      addresses: [s.payment_address],
    },
    version: 1,
    coinbase: false,
  };
}

/** fluxstats' vote power per tier (proposalService.js votePower). */
const VOTE_POWER: Record<string, number> = { CUMULUS: 10, NIMBUS: 25, STRATUS: 100 };

/**
 * stats.runonflux.io `/proposals/votepower/:zelid`: the nodes of the last crawl round whose FluxOS
 * runs under that Flux ID (`flux.zelid`), as `{power, nodes:[{tier, ip, txhash, outidx, address,
 * power, zelid}]}` with `ip` the node's own `flux.ip`. The crawl reaches confirmed nodes only.
 */
export function votePowerView(chain: SimChain, zelid: string): Record<string, unknown> {
  const nodes: Record<string, unknown>[] = [];
  for (const tier of TIERS) {
    for (const node of chain.queue(tier)) {
      const info = fluxInfoView(node, chain)['flux'] as Record<string, unknown>;
      if (info['zelid'] !== zelid) continue;
      const s = node.state.fluxnodeStatus;
      nodes.push({ tier: s.tier, ip: info['ip'], txhash: s.txhash, outidx: s.outidx, address: s.payment_address, power: VOTE_POWER[s.tier] ?? 0, zelid });
    }
  }
  return { power: nodes.reduce((sum, n) => sum + (n['power'] as number), 0), nodes };
}
