import type { DeterministicList } from '../../../src-shared/fluxos.types';
import type { CallOptions } from '../fluxos/fetch-route';
import type { FluxosNode, PublicRouteName } from '../fluxos/fluxos-client';
import type { FluxosRouteResult } from '../fluxos/routes';
import type { FluxosCaller } from './api-probe';
import { toProbeError } from './probe-error';
import type { RankInfo, SourceResult } from './probe-types';

/** The part of PublicApiClient the rank source uses. */
export interface PublicApiCaller {
  call<R extends PublicRouteName>(route: R, options?: CallOptions): Promise<FluxosRouteResult<R>>;
}

export interface RankSourceOptions {
  /** An api.runonflux.io-like API; absent = ranks come from each node's own API, height from the fleet. */
  publicApi?: PublicApiCaller | null;
  /** Fallback for ranks without a public API: ask the node itself (fluxd serves the list publicly). */
  fluxos?: FluxosCaller | null;
  /** How many nodes are polled; read on every lookup (else set with {@link RankSource.setFleetSize}). */
  fleetSize?: () => number;
  /** Fleet size above which the whole list is fetched once instead of one filtered query per node. Default 25. */
  bulkThreshold?: number;
  /** Whole list at most this often. Default 60 s. */
  listTtlMs?: number;
  /** Filtered answers per txhash and the reference height. Default 30 s. */
  ttlMs?: number;
  /** A failed fetch is not retried sooner than this (so 5,000 probes do not each retry it). Default 15 s. */
  failureTtlMs?: number;
  /** Deadline per request; undefined = the client's default. */
  timeoutMs?: number;
  now?: () => number;
}

type Cached<T> = { result: SourceResult<T>; expires: number };

/**
 * Results of one kind of public request, per key: one request at a time per key, its result kept
 * `ttlMs`, or `failureTtlMs` when it failed (so 5,000 probes do not each retry a failing API).
 */
class SharedResults<T> {
  private readonly kept = new Map<string, Cached<T>>();
  private readonly running = new Map<string, Promise<SourceResult<T>>>();

  constructor(
    private readonly ttlMs: number,
    private readonly failureTtlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<SourceResult<T>>): Promise<SourceResult<T>> {
    const hit = this.kept.get(key);
    if (hit && this.now() < hit.expires) return Promise.resolve(asCached(hit.result));
    let running = this.running.get(key);
    if (!running) {
      running = load()
        .then((result) => {
          this.kept.set(key, { result, expires: this.now() + (result.ok ? this.ttlMs : this.failureTtlMs) });
          this.prune();
          return result;
        })
        .finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }

  /** Drops expired results so the keys of removed nodes do not accumulate. */
  private prune(): void {
    if (this.kept.size < 1024) return;
    const now = this.now();
    for (const [k, v] of this.kept) if (now >= v.expires) this.kept.delete(k);
  }
}

const LIST_ROUTE = '/daemon/viewdeterministicfluxnodelist';

function outpoint(txhash: string, outidx: number): string {
  return `${txhash.toLowerCase()}:${outidx}`;
}

/**
 * Payment-queue ranks and the network height, shared by every probe. Small fleets ask
 * `viewdeterministicfluxnodelist?filter=<txhash>` per node (fluxd computes `rank` before filtering,
 * so the answer is the true queue position); large fleets fetch the whole list at most once per
 * `listTtlMs` and look ranks up by outpoint. Concurrent callers share one request.
 */
export class RankSource {
  private readonly publicApi: PublicApiCaller | null;
  private readonly fluxos: FluxosCaller | null;
  private readonly bulkThreshold: number;
  private readonly timeoutMs: number | undefined;
  private readonly now: () => number;
  private fleetSize = 0;
  private readonly fleetSizeFn: (() => number) | undefined;
  private readonly list: SharedResults<Map<string, RankInfo>>;
  private readonly heights: SharedResults<number>;
  private readonly filtered: SharedResults<RankInfo | null>;

  constructor(options: RankSourceOptions = {}) {
    this.publicApi = options.publicApi ?? null;
    this.fluxos = options.fluxos ?? null;
    this.bulkThreshold = options.bulkThreshold ?? 25;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? Date.now;
    this.fleetSizeFn = options.fleetSize;
    const ttlMs = options.ttlMs ?? 30_000;
    const failureTtlMs = options.failureTtlMs ?? 15_000;
    this.list = new SharedResults(options.listTtlMs ?? 60_000, failureTtlMs, this.now);
    this.heights = new SharedResults(ttlMs, failureTtlMs, this.now);
    this.filtered = new SharedResults(ttlMs, failureTtlMs, this.now);
  }

  /** Tells the source how many nodes are polled (decides filtered vs whole-list lookups). */
  setFleetSize(n: number): void {
    this.fleetSize = Math.max(0, Math.floor(n));
  }

  get hasPublicApi(): boolean {
    return this.publicApi !== null;
  }

  /** Rank of outpoint `txhash:outidx` (value null = not in the deterministic list). */
  rank(txhash: string, outidx: number | null, node: FluxosNode): Promise<SourceResult<RankInfo | null>> {
    const size = this.fleetSizeFn ? this.fleetSizeFn() : this.fleetSize;
    if (this.publicApi && size > this.bulkThreshold) return this.rankFromList(txhash, outidx);
    return this.rankFiltered(txhash, outidx, node);
  }

  /** The public API's height (cached), or null when there is no public API. */
  async height(): Promise<SourceResult<number> | null> {
    const api = this.publicApi;
    if (!api) return null;
    return this.heights.get('', () => this.fetch(() => api.call('blockCount', { timeoutMs: this.timeoutMs }), '/daemon/getblockcount'));
  }

  private async rankFromList(txhash: string, outidx: number | null): Promise<SourceResult<RankInfo | null>> {
    const listed = await this.wholeList();
    if (!listed.ok) return listed;
    const key = txhash.toLowerCase();
    let found: RankInfo | undefined;
    if (outidx !== null) found = listed.value.get(outpoint(key, outidx));
    else {
      for (const [k, v] of listed.value) {
        if (k.startsWith(`${key}:`)) {
          found = v;
          break;
        }
      }
    }
    return { ok: true, value: found ?? null, at: listed.at, cached: listed.cached };
  }

  private async wholeList(): Promise<SourceResult<Map<string, RankInfo>>> {
    const api = this.publicApi;
    if (!api) throw new Error('wholeList needs a public API');
    return this.list.get('', () =>
      this.fetch(() => api.call('deterministicList', { timeoutMs: this.timeoutMs }), LIST_ROUTE).then((r): SourceResult<Map<string, RankInfo>> => (r.ok ? { ...r, value: indexList(r.value) } : r)),
    );
  }

  private async rankFiltered(txhash: string, outidx: number | null, node: FluxosNode): Promise<SourceResult<RankInfo | null>> {
    const options: CallOptions = { params: { filter: txhash.toLowerCase() }, timeoutMs: this.timeoutMs };
    const api = this.publicApi;
    const fluxos = this.fluxos;
    const call = api
      ? () => api.call('deterministicList', options)
      : fluxos
        ? () => fluxos.call('deterministicList', node, options)
        : undefined;
    if (!call) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'No API to read the payment queue from', source: LIST_ROUTE }, at: this.now() };
    }
    return this.filtered.get(`${txhash.toLowerCase()}:${outidx ?? '*'}`, () =>
      this.fetch(call, LIST_ROUTE).then((r): SourceResult<RankInfo | null> => (r.ok ? { ...r, value: pick(r.value, txhash, outidx) } : r)),
    );
  }

  private async fetch<T>(call: () => Promise<T>, source: string): Promise<SourceResult<T>> {
    try {
      const value = await call();
      return { ok: true, value, at: this.now(), cached: false };
    } catch (err) {
      return { ok: false, error: toProbeError(err, source), at: this.now() };
    }
  }
}

function asCached<T>(result: SourceResult<T>): SourceResult<T> {
  return result.ok ? { ...result, cached: true } : result;
}

function indexList(list: DeterministicList): Map<string, RankInfo> {
  const map = new Map<string, RankInfo>();
  for (const n of list.nodes) map.set(outpoint(n.txhash, n.outidx), { rank: n.rank, tier: n.tier });
  return map;
}

function pick(list: DeterministicList, txhash: string, outidx: number | null): RankInfo | null {
  const key = txhash.toLowerCase();
  const match = list.nodes.find((n) => n.txhash === key && (outidx === null || n.outidx === outidx));
  return match ? { rank: match.rank, tier: match.tier } : null;
}
