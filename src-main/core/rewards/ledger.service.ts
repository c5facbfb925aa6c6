import { z } from 'zod';
import type { NodeStatus, Problem, Severity } from '../../../src-shared/contract/fleet.contract';
import { normalizeTier } from '../chain/tiers';
import { SettingsRepo } from '../store/settings.repo';
import type { Db } from '../store/database';
import type { ChainParams, Tier } from '../chain/chain-params';
import { heightOfStatus } from '../chain/chain-height';
import { checkMissedPayment, detectPayments, type PaymentRow, type PaymentSnapshot } from './ledger';
import { PaymentsRepo } from './payments.repo';
import { formatFlux } from '../chain/subsidy';

/** Something the ledger noticed; the lead routes these to history events and alerts. */
export interface LedgerEvent {
  nodeId: number;
  kind: 'payment_missed' | 'payment_received';
  severity: Severity;
  message: string;
  /** ms since epoch. */
  at: number;
}

export interface LedgerObservation {
  /** Payments stored by this observation (new rows only). */
  payments: PaymentRow[];
  events: LedgerEvent[];
}

export interface LedgerServiceOptions {
  /** Chain parameters (with user overrides); read on every observation. */
  params: () => ChainParams;
  /** Enabled nodes of a tier (the payment queue length); null when unknown (no missed-payment check). */
  enabledNodes?: (tier: Tier) => number | null;
  /** Every event, as it happens (also returned by observe). */
  onEvent?: (event: LedgerEvent) => void;
  /** New payment rows were stored. */
  onPayments?: (rows: PaymentRow[]) => void;
  /** observe never throws; unexpected failures land here. Default: console.error. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

/** Warning problem code while a node's expected payment is overdue by more than a queue interval. */
export const PAYMENT_MISSED = 'PAYMENT_MISSED';

/** Settings key remembering the payment window each node was last reported missed for (survives restarts). */
export const MISSED_WINDOWS_KEY = 'rewards.missedWindows';

const EMPTY: LedgerObservation = { payments: [], events: [] };
const windowsSchema = z.record(z.string().regex(/^\d{1,12}$/), z.number().int());

interface RankSeen {
  queueStart: number;
  rank: number;
  atHeight: number;
}

function toSnapshot(status: NodeStatus, observedAtMs: number): PaymentSnapshot | null {
  const f = status.fluxnode;
  const tier = normalizeTier(f?.tier);
  if (!f || !tier) return null;
  const lastPaidMs = f.lastPaid ? Date.parse(f.lastPaid) : NaN;
  return {
    nodeId: status.nodeId,
    tier,
    lastPaidHeight: f.lastPaidHeight ?? 0,
    lastPaidUnix: Number.isFinite(lastPaidMs) && lastPaidMs > 0 ? Math.floor(lastPaidMs / 1000) : 0,
    observedAtMs,
  };
}

function duration(seconds: number): string {
  const hours = seconds / 3600;
  return hours >= 48 ? `${Math.round(hours / 24)} days` : hours >= 1 ? `${hours.toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
}

/**
 * Turns successive poll results into the payments ledger: a rising `last_paid_height` is a payment,
 * stored once per node and height (idempotent across repeated polls and restarts). Also watches for
 * missed payments: the expected payment is more than one full queue interval overdue. Each missed
 * window is reported once (remembered in settings, so a restart does not repeat it).
 */
export class LedgerService {
  private readonly repo: PaymentsRepo;
  private readonly settings: SettingsRepo;
  private lastStored: Map<number, number> | undefined;
  private missedWindows: Map<number, number> | undefined;
  private readonly rankSeen = new Map<number, RankSeen>();
  /** Nodes whose current payment window is overdue, with the message; cleared by a payment. */
  private readonly missedNow = new Map<number, string>();
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: LedgerServiceOptions,
  ) {
    this.repo = new PaymentsRepo(db);
    this.settings = new SettingsRepo(db);
    this.now = options.now ?? Date.now;
  }

  /** Call for every poll result; `previous` is the node's status before this poll (undefined at first). Never throws. */
  observe(previous: NodeStatus | undefined, next: NodeStatus): LedgerObservation {
    try {
      return this.observeUnsafe(previous, next);
    } catch (error) {
      (this.options.onError ?? ((e: unknown) => console.error('[ledger] observe failed:', e instanceof Error ? e.message : e)))(error);
      return EMPTY;
    }
  }

  /** PAYMENT_MISSED (warning) while the node's current payment is overdue; merge into its problems. */
  problems(nodeId: number): Problem[] {
    const message = this.missedNow.get(nodeId);
    if (message === undefined) return [];
    return [{
      code: PAYMENT_MISSED,
      severity: 'warning',
      message,
      explanation:
        'Each confirmed node is paid once per pass through its tier queue. Overdue by more than a full pass usually means the node ' +
        'dropped out of the queue (missed confirmation, restart, expired) and rejoined at the back. It clears with the next payment.',
    }];
  }

  /** Forgets in-memory state of a removed node (its rows go with the node's ON DELETE CASCADE). */
  forget(nodeId: number): void {
    this.lastStored?.delete(nodeId);
    this.rankSeen.delete(nodeId);
    this.missedNow.delete(nodeId);
  }

  private observeUnsafe(previous: NodeStatus | undefined, next: NodeStatus): LedgerObservation {
    const at = next.lastPolledAt ?? this.now();
    const current = toSnapshot(next, at);
    if (!current) return EMPTY;
    const params = this.options.params();
    const prior = previous && previous.nodeId === next.nodeId ? toSnapshot(previous, previous.lastPolledAt ?? at) : null;
    const events: LedgerEvent[] = [];

    const stored = this.storedHeights();
    const known = stored.get(current.nodeId) ?? 0;
    // Heights at or below the newest stored one are already in the ledger (or older than it): no write.
    const rows = detectPayments(prior, current, params).filter((row) => row.height > known);
    const inserted = rows.length > 0 ? this.repo.insert(rows) : 0;
    for (const row of rows) stored.set(row.nodeId, Math.max(stored.get(row.nodeId) ?? 0, row.height));
    if (inserted > 0) {
      this.options.onPayments?.(rows);
      // A payment seen happening (not the last payment found on a first look) is worth a timeline
      // entry, including a never-paid node's first one (prior last_paid_height 0). This is the one
      // event per payment: history does not log payments itself.
      if (prior) {
        for (const row of rows) {
          events.push({
            nodeId: row.nodeId,
            kind: 'payment_received',
            severity: 'info',
            message: `${next.name} was paid ${formatFlux(row.amountSat)} FLUX (${row.tier}) in block ${row.height}`,
            at,
          });
        }
      }
    }

    const missed = this.checkMissed(next, current, params, at);
    if (missed) events.push(missed);
    for (const event of events) this.options.onEvent?.(event);
    return { payments: inserted > 0 ? rows : [], events };
  }

  private checkMissed(status: NodeStatus, snap: PaymentSnapshot, params: ChainParams, at: number): LedgerEvent | null {
    const f = status.fluxnode;
    const height = heightOfStatus(status);
    const queueStart = snap.lastPaidHeight > 0 ? snap.lastPaidHeight : (f?.confirmedHeight ?? 0);
    const enabled = this.options.enabledNodes?.(snap.tier) ?? null;
    if (!f || f.status !== 'CONFIRMED' || height === null || queueStart <= 0 || enabled === null || enabled < 1) {
      this.missedNow.delete(status.nodeId);
      return null;
    }

    // The rank first seen in this payment window predicts the payment height; later ranks only count down.
    let seen = this.rankSeen.get(status.nodeId);
    if (seen?.queueStart !== queueStart) {
      seen = f.rank !== null ? { queueStart, rank: f.rank, atHeight: height } : undefined;
      if (seen) this.rankSeen.set(status.nodeId, seen);
      else this.rankSeen.delete(status.nodeId);
    }
    const verdict = checkMissedPayment(params, {
      height,
      lastPaidHeight: snap.lastPaidHeight,
      confirmedHeight: f.confirmedHeight ?? 0,
      enabledNodes: enabled,
      ...(seen ? { rank: { rank: seen.rank, atHeight: seen.atHeight } } : {}),
    });
    if (!verdict.value) {
      this.missedNow.delete(status.nodeId);
      return null;
    }
    const since = snap.lastPaidHeight > 0 ? `last paid in block ${snap.lastPaidHeight}` : `confirmed in block ${queueStart}, never paid`;
    const message =
      `${status.name} missed its ${snap.tier} payment: expected by block ${verdict.verdict.expectedHeight}, ` +
      `now ${verdict.verdict.overdueBlocks} blocks (~${duration(verdict.verdict.overdueSeconds)}) late (${since})`;
    this.missedNow.set(status.nodeId, message);

    const windows = this.windows();
    if (windows.get(status.nodeId) === queueStart) return null;
    windows.set(status.nodeId, queueStart);
    this.settings.set(MISSED_WINDOWS_KEY, Object.fromEntries([...windows].map(([k, v]) => [String(k), v])));
    return { nodeId: status.nodeId, kind: 'payment_missed', severity: 'warning', message, at };
  }

  private storedHeights(): Map<number, number> {
    if (!this.lastStored) {
      const rows = this.db.prepare('SELECT node_id AS nodeId, MAX(height) AS height FROM payments GROUP BY node_id').all();
      const parsed = z.array(z.object({ nodeId: z.number().int(), height: z.number().int() })).parse(rows);
      this.lastStored = new Map(parsed.map((r) => [r.nodeId, r.height]));
    }
    return this.lastStored;
  }

  private windows(): Map<number, number> {
    if (!this.missedWindows) {
      const parsed = windowsSchema.safeParse(this.settings.get(MISSED_WINDOWS_KEY));
      this.missedWindows = new Map(parsed.success ? Object.entries(parsed.data).map(([k, v]) => [Number(k), v]) : []);
    }
    return this.missedWindows;
  }
}
