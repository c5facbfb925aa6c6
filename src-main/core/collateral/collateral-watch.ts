import pLimit from 'p-limit';
import type { NodeStatus, Problem, Severity } from '../../../src-shared/contract/fleet.contract';
import type { ChainParams } from '../chain/chain-params';
import { heightOfStatus } from '../chain/chain-height';
import type { Db } from '../store/database';
import { CollateralChecksRepo } from './collateral-checks.repo';
import type { TxOutResult } from './gettxout';
import { formatOutPoint, type OutPoint, tryParseOutPoint } from './outpoint';
import type { TxOutFetcher } from './ssh-gettxout';
import { collateralVerdict, type CollateralVerdict } from './verdict';

/** Critical problem code for a node whose collateral output is gone (spent, or replaced). */
export const COLLATERAL_SPENT = 'COLLATERAL_SPENT';
/** Warning: the collateral amount implies another tier than the node reports. */
export const COLLATERAL_TIER_MISMATCH = 'COLLATERAL_TIER_MISMATCH';

export interface CollateralEvent {
  nodeId: number;
  kind: 'collateral_spent';
  severity: Severity;
  message: string;
  at: number;
}

/** What FluxDeck knows about one node's collateral right now. */
export interface CollateralState {
  nodeId: number;
  outpoint: OutPoint | null;
  verdict: CollateralVerdict | null;
  method: 'gettxout' | 'reported';
  /** Last gettxout answer time (ms); null when never checked that way. */
  checkedAt: number | null;
  /** gettxout found this outpoint unspent at least once. */
  seenUnspent: boolean;
  /** The outpoint disappeared: COLLATERAL_SPENT stands until the node shows another collateral. */
  spent: boolean;
  spentMessage: string | null;
}

export interface CollateralWatchOptions {
  params: () => ChainParams;
  /** gettxout over SSH for legacy nodes with credentials (see sshTxOutFetcher); absent = reported values only. */
  fetchTxOut?: TxOutFetcher;
  onEvent?: (event: CollateralEvent) => void;
  /** A node's collateral verdict changed (for pushing `rewards:onChanged`). */
  onChange?: (nodeId: number) => void;
  /** gettxout at most this often per node. Default 10 min. */
  minIntervalMs?: number;
  /** gettxout commands in flight at once. Default 4. */
  concurrency?: number;
  now?: () => number;
}

function outpointOf(status: NodeStatus | undefined): OutPoint | null {
  const f = status?.fluxnode;
  if (!f?.txhash || f.outidx === null) return null;
  return tryParseOutPoint(`${f.txhash}:${f.outidx}`);
}

const same = (a: OutPoint | null, b: OutPoint | null) => a !== null && b !== null && a.txid === b.txid && a.n === b.n;

/**
 * Watches every node's collateral: reported amount → implied tier (era-aware) vs reported tier,
 * gettxout (confirmations, unspent) over SSH at most every 10 minutes per node, and the moment the
 * output disappears (gettxout empty where it was unspent before, or the node turns expired with a
 * different or no collateral) → one `collateral_spent` event and a critical COLLATERAL_SPENT problem.
 * Verdict changes are written to `collateral_checks`, so spent state survives restarts.
 */
export class CollateralWatch {
  private readonly states = new Map<number, CollateralState>();
  private readonly lastAttempt = new Map<number, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly signatures = new Map<number, string>();
  private readonly repo: CollateralChecksRepo;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly minIntervalMs: number;
  private readonly now: () => number;

  constructor(
    db: Db,
    private readonly options: CollateralWatchOptions,
  ) {
    this.repo = new CollateralChecksRepo(db);
    this.limit = pLimit(options.concurrency ?? 4);
    this.minIntervalMs = options.minIntervalMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
    for (const stored of this.repo.latest()) {
      const outpoint = tryParseOutPoint(`${stored.txid}:${stored.vout}`);
      const spent = stored.problemCodes.includes(COLLATERAL_SPENT);
      this.states.set(stored.nodeId, {
        nodeId: stored.nodeId,
        outpoint,
        verdict: null,
        method: stored.unspent === null ? 'reported' : 'gettxout',
        checkedAt: stored.unspent === null ? null : stored.checkedAt,
        seenUnspent: stored.unspent === true,
        spent,
        spentMessage: spent ? `collateral ${outpoint ? formatOutPoint(outpoint) : ''} is spent or gone` : null,
      });
    }
  }

  /** Call for every poll result. Cheap: gettxout runs in the background when due. Never throws. */
  observe(previous: NodeStatus | undefined, next: NodeStatus): void {
    try {
      this.observeUnsafe(previous, next);
    } catch (error) {
      console.error('[collateral] observe failed:', error instanceof Error ? error.message : error);
    }
  }

  /** Problems to merge into the node's problem list (COLLATERAL_SPENT critical, tier mismatch warning). */
  problems(nodeId: number): Problem[] {
    const state = this.states.get(nodeId);
    if (!state) return [];
    const out: Problem[] = [];
    if (state.spent) {
      out.push({
        code: COLLATERAL_SPENT,
        severity: 'critical',
        message: state.spentMessage ?? 'The collateral output is spent',
        explanation:
          'A FluxNode is only paid while its collateral output stays unspent. Moving those coins ends the node: it expires and leaves the payment queue. ' +
          'If you did not move them, check the wallet holding the collateral now.',
      });
    }
    if (state.verdict?.mismatch) {
      out.push({
        code: COLLATERAL_TIER_MISMATCH,
        severity: 'warning',
        message: `Collateral implies ${state.verdict.impliedTier ?? 'no tier'}, node reports ${state.verdict.reportedTier ?? 'no tier'}`,
        explanation: 'The tier follows the collateral amount (1,000 / 12,500 / 40,000 FLUX). A mismatch usually means the wrong txid or index is configured.',
      });
    }
    return out;
  }

  state(nodeId: number): CollateralState | undefined {
    return this.states.get(nodeId);
  }

  forget(nodeId: number): void {
    this.states.delete(nodeId);
    this.lastAttempt.delete(nodeId);
    this.signatures.delete(nodeId);
  }

  /** Resolves when background gettxout checks started so far have finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private observeUnsafe(previous: NodeStatus | undefined, next: NodeStatus): void {
    const f = next.fluxnode;
    if (!f) return;
    const params = this.options.params();
    const current = outpointOf(next);
    let state = this.states.get(next.nodeId);
    const known = state?.outpoint ?? outpointOf(previous);

    if (f.status === 'EXPIRED' && known !== null && !same(known, current) && !state?.spent) {
      const was = formatOutPoint(known);
      this.markSpent(next, known, `the node now reports expired with ${current ? `another collateral (${formatOutPoint(current)})` : 'no collateral'} instead of ${was}`);
      return;
    }
    if (!current) return;
    if (!state || !same(state.outpoint, current)) {
      // New or changed collateral: a fresh start, nothing carried over from the old outpoint.
      state = { nodeId: next.nodeId, outpoint: current, verdict: null, method: 'reported', checkedAt: null, seenUnspent: false, spent: false, spentMessage: null };
      this.states.set(next.nodeId, state);
    }
    if (state.spent) return;
    if (state.method === 'reported' || state.verdict === null) {
      const height = heightOfStatus(next) ?? params.upgrades.pon;
      this.setVerdict(state, collateralVerdict(params, { outpoint: current, height, reportedTier: f.tier, reportedAmount: f.amount }), 'reported');
    }
    this.scheduleCheck(next, current);
  }

  private scheduleCheck(status: NodeStatus, outpoint: OutPoint): void {
    const fetch = this.options.fetchTxOut;
    // ArcaneOS allows no flux-cli over SSH (flux-facts §2.7): its nodes keep the reported values.
    if (!fetch || status.flux?.arcaneOS === true) return;
    const last = this.lastAttempt.get(status.nodeId);
    const now = this.now();
    if (last !== undefined && now - last < this.minIntervalMs) return;
    this.lastAttempt.set(status.nodeId, now);
    const task = this.limit(async () => {
      let txOut: TxOutResult | null;
      try {
        txOut = await fetch(status.nodeId, outpoint);
      } catch {
        return; // transport failure: no verdict change; the next due poll tries again
      }
      if (txOut === null) return;
      try {
        this.applyTxOut(status, outpoint, txOut);
      } catch (error) {
        // A full or read-only disk must not become an unhandled rejection (it would end the process).
        console.error('[collateral] verdict not saved:', error instanceof Error ? error.message : error);
      }
    });
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private applyTxOut(status: NodeStatus, outpoint: OutPoint, txOut: TxOutResult): void {
    const state = this.states.get(status.nodeId);
    if (!state || !same(state.outpoint, outpoint) || state.spent) return;
    const params = this.options.params();
    const height = heightOfStatus(status) ?? params.upgrades.pon;
    const f = status.fluxnode;
    const verdict = collateralVerdict(params, { outpoint, height, reportedTier: f?.tier, reportedAmount: f?.amount, txOut });
    state.checkedAt = this.now();
    if (txOut.kind === 'spent-or-unknown' && state.seenUnspent) {
      this.markSpent(status, outpoint, `gettxout finds no unspent output for ${formatOutPoint(outpoint)} (it was unspent before)`, verdict);
      return;
    }
    if (txOut.kind === 'unspent') state.seenUnspent = true;
    this.setVerdict(state, verdict, 'gettxout');
  }

  private markSpent(status: NodeStatus, outpoint: OutPoint, why: string, verdict?: CollateralVerdict): void {
    const at = this.now();
    const message = `${status.name}: collateral spent or gone: ${why}`;
    const state: CollateralState = this.states.get(status.nodeId) ?? {
      nodeId: status.nodeId, outpoint, verdict: null, method: 'reported', checkedAt: null, seenUnspent: false, spent: false, spentMessage: null,
    };
    state.outpoint = outpoint;
    state.spent = true;
    state.spentMessage = message;
    if (verdict) {
      state.verdict = verdict;
      state.method = 'gettxout';
    }
    this.states.set(status.nodeId, state);
    const stored = verdict ?? state.verdict ?? collateralVerdict(this.options.params(), { outpoint, height: heightOfStatus(status) ?? 0 });
    this.repo.insert(status.nodeId, at, stored, [{ code: COLLATERAL_SPENT, message }]);
    this.signatures.set(status.nodeId, `spent:${outpoint.txid}:${outpoint.n}`);
    this.options.onEvent?.({ nodeId: status.nodeId, kind: 'collateral_spent', severity: 'critical', message, at });
    this.options.onChange?.(status.nodeId);
  }

  private setVerdict(state: CollateralState, verdict: CollateralVerdict, method: 'gettxout' | 'reported'): void {
    state.verdict = verdict;
    state.method = method;
    // A reported-only verdict must not bury the stored gettxout result that says the output was unspent.
    if (method === 'reported' && state.seenUnspent) return;
    // Confirmations grow every block, so they are left out: a row per real change, not per poll.
    const signature = [
      method, verdict.outpoint.txid, verdict.outpoint.n, verdict.amountFlux, verdict.impliedTier, verdict.reportedTier,
      verdict.unspent, verdict.problems.map((p) => p.code).join(','),
    ].join('|');
    if (this.signatures.get(state.nodeId) === signature) return;
    // Stored first: a failed write (full disk) leaves the signature unseen, so it is written later.
    this.repo.insert(state.nodeId, this.now(), verdict);
    this.signatures.set(state.nodeId, signature);
    this.options.onChange?.(state.nodeId);
  }
}
