import type { SimNode } from './sim-node';
import { applyReinstall } from './reinstall';
import type { Tier } from './state.schema';

/** Consensus numbers after the PoN fork (flux-facts §3). */
export const PON_HEIGHT = 2_020_000;
export const PON_SPACING_S = 30;
const PRE_PON_SPACING_S = 120;
/** A node may confirm again only after this many blocks since its last confirmation. */
export const CONFIRM_MIN_BLOCKS = 500;
/** A node that has not confirmed for this many blocks expires. */
export const EXPIRE_BLOCKS = 640;
/** A STARTED node that is not confirmed within this many blocks goes to the DOS list. */
export const START_DEADLINE_BLOCKS = 240;
/** A DOS node leaves the DOS list this many blocks after added_height. */
export const DOS_BLOCKS = 720;

export const TIERS: readonly Tier[] = ['CUMULUS', 'NIMBUS', 'STRATUS'];

function comparatorHeight(node: SimNode): number {
  const s = node.state.fluxnodeStatus;
  return s.last_paid_height > 0 ? s.last_paid_height : s.confirmed_height;
}

function outpointKey(node: SimNode): string {
  const s = node.state.fluxnodeStatus;
  return `${s.txhash}:${String(s.outidx).padStart(10, '0')}`;
}

/**
 * Queue order from fluxd `FluxnodeListData::operator<`: oldest payment (or confirmation when never
 * paid) first; on a tie a never-paid node goes before a paid one, else the outpoint decides.
 */
export function compareQueue(a: SimNode, b: SimNode): number {
  const ha = comparatorHeight(a);
  const hb = comparatorHeight(b);
  if (ha !== hb) return ha - hb;
  const pa = a.state.fluxnodeStatus.last_paid_height > 0;
  const pb = b.state.fluxnodeStatus.last_paid_height > 0;
  if (pa !== pb) return pa ? 1 : -1;
  const ka = outpointKey(a);
  const kb = outpointKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The simulated chain: height, block times, per-tier payment queues, and what each new block does
 * (pay the front of each tier, confirm healthy nodes, DOS or expire the others).
 */
export class SimChain {
  height: number;
  private readonly anchorHeight: number;
  private readonly anchorTime: number;
  private queues: Map<Tier, SimNode[]> | undefined;

  constructor(
    readonly nodes: readonly SimNode[],
    options: { height: number; now: number },
  ) {
    this.height = options.height;
    this.anchorHeight = options.height;
    this.anchorTime = options.now;
  }

  /** Unix time of block `h`: 30 s spacing after PoN, 120 s before. */
  blockTime(h: number): number {
    const ponTime = this.anchorTime - (this.anchorHeight - PON_HEIGHT) * PON_SPACING_S;
    return h >= PON_HEIGHT ? ponTime + (h - PON_HEIGHT) * PON_SPACING_S : ponTime - (PON_HEIGHT - h) * PRE_PON_SPACING_S;
  }

  /** Call after changing any node's status or heights from outside. */
  invalidate(): void {
    this.queues = undefined;
  }

  /** CONFIRMED nodes of `tier` in payment order; index = `rank`. */
  queue(tier: Tier): readonly SimNode[] {
    return this.allQueues().get(tier) ?? [];
  }

  private allQueues(): Map<Tier, SimNode[]> {
    if (this.queues) return this.queues;
    const queues = new Map<Tier, SimNode[]>(TIERS.map((t) => [t, []]));
    for (const node of this.nodes) {
      const s = node.state.fluxnodeStatus;
      if (s.status === 'CONFIRMED') queues.get(s.tier)?.push(node);
    }
    for (const list of queues.values()) list.sort(compareQueue);
    this.queues = queues;
    return queues;
  }

  /** Queue position of a confirmed node, or undefined when it is not in the list. */
  rankOf(node: SimNode): number | undefined {
    const index = this.queue(node.state.fluxnodeStatus.tier).indexOf(node);
    return index >= 0 ? index : undefined;
  }

  /** Mines `n` blocks, applying payments and confirmation rules per block. */
  advance(n: number): void {
    for (let i = 0; i < n; i++) this.mineOne();
  }

  private mineOne(): void {
    const h = ++this.height;
    const queues = this.allQueues();
    // The payee is the front of each tier's list as it stood before this block.
    for (const list of queues.values()) {
      const payee = list.shift();
      if (!payee) continue;
      payee.state.fluxnodeStatus.last_paid_height = h;
      list.push(payee);
    }
    let changed = false;
    for (const node of this.nodes) {
      node.state.blockCount += 1;
      if (applyReinstall(node, h)) changed = true;
      if (this.step(node, h)) changed = true;
    }
    if (changed) this.invalidate();
  }

  /** Applies the confirmation/DOS/expiry rules to one node at new height `h`; true if status changed. */
  private step(node: SimNode, h: number): boolean {
    const s = node.state.fluxnodeStatus;
    const confirming = node.state.confirming;
    switch (s.status) {
      case 'CONFIRMED': {
        const since = h - s.last_confirmed_height;
        // Spread re-confirmations a little so the whole fleet does not confirm in one block.
        if (confirming && since > CONFIRM_MIN_BLOCKS + (node.index % 40)) s.last_confirmed_height = h;
        else if (!confirming && since >= EXPIRE_BLOCKS) {
          s.status = 'expired';
          return true;
        }
        return false;
      }
      case 'STARTED': {
        const since = h - s.added_height;
        if (confirming && since >= 2 + (node.index % 4)) {
          s.status = 'CONFIRMED';
          s.confirmed_height = h;
          s.last_confirmed_height = h;
          return true;
        }
        if (!confirming && since > START_DEADLINE_BLOCKS) {
          s.status = 'DOS';
          return true;
        }
        return false;
      }
      case 'DOS':
        if (h - s.added_height >= DOS_BLOCKS) {
          s.status = 'expired';
          return true;
        }
        return false;
      default:
        return false;
    }
  }
}
