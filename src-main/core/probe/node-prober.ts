import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import type { FluxnodeStatus } from '../../../src-shared/fluxos.types';
import { LastParseMemo } from '../last-parse-memo';
import type { SshTarget } from '../ssh/ssh-types';
import { DEFAULT_ROUTE_TTL_MS, DEFAULT_ROUTE_TTLS, probeApi, type ApiProbeOptions, type FluxosCaller, type RouteTtls } from './api-probe';
import { CARRIED_SOURCES, type CarriedSource } from './cli-facts';
import { toProbeError } from './probe-error';
import type { ApiFacts, ApiSourceName, ProbeResult, RankInfo, SourceResult, SshProbe } from './probe-types';
import type { RankSource } from './rank-source';
import { RouteCache } from './route-cache';
import { probeSsh, type SshExecutor } from './ssh-probe';

export interface NodeProberOptions {
  /** FluxOS API client (a FluxosClient: one keep-alive agent per node). */
  fluxos: FluxosCaller;
  /** Shared rank and reference-height source; null = no ranks. */
  rankSource?: RankSource | null;
  /** SSH pool; null = API only. */
  ssh?: SshExecutor | null;
  /** Where and how to SSH into a node (credentials resolved by the pool); null = do not. */
  sshTargetFor?: (node: NodeRecord) => Promise<SshTarget | null>;
  now?: () => number;
  /** Deadline per API route. Default: the client's. */
  apiTimeoutMs?: number;
  /** Deadline for the SSH exec. Default 15 s. */
  sshTimeoutMs?: number;
  /** Minimum age before a route is asked again (default 30 s each, `isArcaneOs` 10 min). */
  routeTtls?: RouteTtls;
  /**
   * Where a node with SSH gets what fluxd and fluxbench answer (node status, daemon info,
   * benchmarks): `ssh`, in the poll's one exec, with FluxOS asked only what only it knows plus
   * one request that shows it answers (default); `api`, from FluxOS as for API-only nodes (which
   * also sees a FluxOS that relays those answers badly).
   */
  daemonFactsVia?: 'ssh' | 'api';
}

export interface ProbeOptions {
  signal?: AbortSignal;
}

/**
 * Gathers the facts of one node for one poll: the public FluxOS routes in parallel, its queue rank,
 * the public height, and for legacy nodes with credentials one SSH exec. Never throws for a node's
 * failure: every source settles to a value or a typed error. Concurrent probes of the same node
 * share one run.
 */
export class NodeProber {
  private readonly cache = new RouteCache();
  private readonly sectionMemo = new LastParseMemo<number>();
  private readonly inFlight = new Map<number, Promise<ProbeResult>>();
  private readonly now: () => number;
  private readonly ttls: RouteTtls;

  constructor(private readonly options: NodeProberOptions) {
    this.now = options.now ?? Date.now;
    this.ttls = { ...DEFAULT_ROUTE_TTLS, ...options.routeTtls };
  }

  probe(node: NodeRecord, options: ProbeOptions = {}): Promise<ProbeResult> {
    const running = this.inFlight.get(node.id);
    if (running) return running;
    const promise = this.run(node, options).finally(() => this.inFlight.delete(node.id));
    this.inFlight.set(node.id, promise);
    return promise;
  }

  /** Drops a node's cached route values (removed, or its address changed). */
  forget(nodeId: number): void {
    this.cache.forget(nodeId);
    this.sectionMemo.forget(nodeId);
  }

  private async run(node: NodeRecord, options: ProbeOptions): Promise<ProbeResult> {
    const startedAt = this.now();
    const target = { host: node.host, apiPort: node.apiPort };
    const endpoint = `${node.host}:${node.apiPort}`;
    const rankSource = this.options.rankSource ?? null;

    // The ArcaneOS flag rarely changes: when it is already known, SSH runs beside the API calls
    // and, on a legacy node, carries the facts fluxd and fluxbench answer locally.
    const knownArcane = this.cache.last(node.id, endpoint, 'isArcaneOs')?.value;
    const carry = knownArcane === false ? this.dueCarried(node, endpoint, startedAt) : [];
    let sshEarly: Promise<SshProbe> | undefined;
    if (typeof knownArcane === 'boolean') sshEarly = this.sshPath(node, knownArcane, carry);

    const heightPromise = rankSource ? rankSource.height() : Promise.resolve(null);
    try {
      const apiOptions: ApiProbeOptions = {
        fluxos: this.options.fluxos,
        cache: this.cache,
        now: this.now,
        ttlFor: (source: ApiSourceName) => this.ttls[source] ?? DEFAULT_ROUTE_TTL_MS,
        timeoutMs: this.options.apiTimeoutMs,
        signal: options.signal,
        elsewhere: sshEarly ? carriedBy(sshEarly, carry) : undefined,
        liveness: 'uptime',
      };
      const before = this.cache.last(node.id, endpoint, 'fluxnodeStatus')?.value as FluxnodeStatus | undefined;
      let api = await probeApi(node.id, target, apiOptions);
      // A new start (another added_height or IP: a reinstall, e.g. the ArcaneOS migration) may
      // come with another OS, benchmarks and versions: the slow routes' cached answers are dropped.
      if (before && api.fluxnodeStatus.ok && !api.fluxnodeStatus.cached && restarted(before, api.fluxnodeStatus.value)) {
        this.cache.forget(node.id);
        api = await probeApi(node.id, target, apiOptions);
      }
      const arcane = isArcane(api, knownArcane);

      const rankPromise = this.rankOf(api, target, rankSource);
      let ssh: SshProbe;
      if (sshEarly) {
        const early = await sshEarly;
        ssh = arcane && early.attempted ? { attempted: false, reason: 'arcane' } : early;
      } else {
        ssh = await this.sshPath(node, arcane, []);
      }
      const [rank, publicHeight] = await Promise.all([rankPromise, heightPromise]);

      return {
        nodeId: node.id,
        name: node.name,
        host: node.host,
        tags: [...node.tags],
        startedAt,
        finishedAt: this.now(),
        api,
        rank,
        publicHeight,
        ssh,
      };
    } finally {
      // FluxOS closes idle sockets after 5 s and the next poll is a minute away: none is kept.
      this.options.fluxos.endPoll?.(target);
    }
  }

  /** The carried sources this poll needs (not fresh in the cache), when SSH may carry them. */
  private dueCarried(node: NodeRecord, endpoint: string, now: number): CarriedSource[] {
    if (this.options.daemonFactsVia === 'api' || node.auth.kind === 'none' || !this.options.ssh || !this.options.sshTargetFor) return [];
    return CARRIED_SOURCES.filter((s) => !this.cache.fresh(node.id, endpoint, s, this.ttls[s] ?? DEFAULT_ROUTE_TTL_MS, now));
  }

  private async rankOf(
    api: ApiFacts,
    target: { host: string; apiPort: number },
    rankSource: RankSource | null,
  ): Promise<SourceResult<RankInfo | null> | null> {
    const status = api.fluxnodeStatus;
    if (!rankSource || !status.ok || status.value.status !== 'CONFIRMED' || !status.value.txhash) return null;
    return rankSource.rank(status.value.txhash, status.value.outidx, target);
  }

  private async sshPath(node: NodeRecord, arcane: boolean, carry: readonly CarriedSource[]): Promise<SshProbe> {
    if (node.auth.kind === 'none') return { attempted: false, reason: 'no-credentials' };
    // ArcaneOS's `operator` account is restricted: the API is the only path there.
    if (arcane) return { attempted: false, reason: 'arcane' };
    const { ssh, sshTargetFor } = this.options;
    if (!ssh || !sshTargetFor) return { attempted: false, reason: 'no-pool' };
    let sshTarget: SshTarget | null;
    try {
      sshTarget = await sshTargetFor(node);
    } catch (err) {
      return { attempted: true, result: { ok: false, error: toProbeError(err, 'ssh'), at: this.now() } };
    }
    if (!sshTarget) return { attempted: false, reason: 'no-target' };
    const result = await probeSsh(ssh, sshTarget, {
      timeoutMs: this.options.sshTimeoutMs,
      now: this.now,
      carry,
      apiPort: node.apiPort,
      memo: { nodeId: node.id, memo: this.sectionMemo },
    });
    return { attempted: true, result };
  }
}

/** Each carried source's result from the exec; undefined (ask FluxOS) when the exec did not give it. */
function carriedBy(ssh: Promise<SshProbe>, carry: readonly CarriedSource[]): ApiProbeOptions['elsewhere'] {
  const out: ApiProbeOptions['elsewhere'] = {};
  for (const source of carry) {
    out[source] = ssh.then((probe) => {
      const r = probe.attempted && probe.result.ok ? probe.result.value.carried?.[source] : undefined;
      return r?.ok ? r : undefined;
    });
  }
  return out;
}

function restarted(before: FluxnodeStatus, now: FluxnodeStatus): boolean {
  return before.addedHeight !== now.addedHeight || before.ip !== now.ip;
}

/** ArcaneOS when FluxOS says so, or fluxbench reports a secure system, or the last poll knew it. */
function isArcane(api: ApiFacts, known: unknown): boolean {
  if (api.isArcaneOs.ok) return api.isArcaneOs.value;
  if (api.benchmarks.ok && api.benchmarks.value.systemSecure !== null) return api.benchmarks.value.systemSecure;
  return known === true;
}
