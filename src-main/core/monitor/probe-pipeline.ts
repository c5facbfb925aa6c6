import type { NodeRecord, NodeStatus } from '../../../src-shared/contract';
import type { Capability } from '../capability';
import { FluxosClient, PublicApiClient } from '../fluxos';
import { evaluateHealth, mergeProblems, referenceHeightOf, type HealthRules } from '../health';
import { LiveVersions, statsUrlFor } from '../health/minimum-versions';
import { NodeProber, RankSource, type NodeProberOptions, type ProbeResult } from '../probe';
import type { ChainParams } from '../chain/chain-params';
import type { NodesRepo } from '../nodes/nodes.repo';
import { sshTargetFor } from '../nodes/ssh-target';
import type { SshPool } from '../ssh/ssh-pool';
import type { SshTarget } from '../ssh/ssh-types';
import type { LatestStatuses } from './latest-statuses';

export interface ProbePipelineOptions {
  nodes: NodesRepo;
  sshPool: SshPool;
  /** The public API client (api.runonflux.io or the simulator's stand-in), asked before each poll. */
  publicApi: () => PublicApiClient | null;
  params: () => ChainParams;
  rules: HealthRules;
  /** Every node's latest status (the fleet's heights and size). */
  latest: LatestStatuses;
  /** Capabilities whose problems join each result (collateral spent, payment missed…). */
  problemSources?: readonly Pick<Capability, 'name' | 'problems'>[];
  fluxos?: FluxosClient;
  now?: () => number;
  /** Probe deadlines and route cache ages (tests shorten them; the defaults suit real nodes). */
  prober?: Pick<NodeProberOptions, 'apiTimeoutMs' | 'sshTimeoutMs' | 'routeTtls' | 'daemonFactsVia'>;
  /** SSH handshake and keepalive settings applied to every node's target. */
  sshTarget?: Pick<SshTarget, 'readyTimeoutMs' | 'keepalive'>;
  /** Sees each raw probe before it is judged (the apps capability keeps the app details from it). */
  onProbe?: (probe: ProbeResult) => void;
  /** Live minimum versions; by default asked of the stats endpoint beside the public API. */
  versions?: LiveVersions;
}

/**
 * One node, one poll: probe its sources, judge them against the fleet's reference height (the
 * highest of the public API's and every node's own) and the health rules, then add what the
 * capabilities know about the node.
 */
export class ProbePipeline {
  readonly fluxos: FluxosClient;
  private prober: NodeProber;
  private publicApi: PublicApiClient | null = null;
  private readonly now: () => number;
  private readonly versions: LiveVersions;
  private stats: { url: string; client: PublicApiClient } | null = null;
  /** `statsUrlFor` of the last public API URL (asked before every poll; parsing a URL each time shows). */
  private statsUrl = { of: '', url: '' };

  constructor(private readonly options: ProbePipelineOptions) {
    this.now = options.now ?? Date.now;
    this.fluxos = options.fluxos ?? new FluxosClient();
    this.prober = this.buildProber();
    this.versions = options.versions ?? new LiveVersions({ stats: () => this.statsApi(), publicApi: options.publicApi, now: this.now });
  }

  /**
   * The stats endpoint for the configured public API: stats.runonflux.io beside api.runonflux.io,
   * else the public API's own base (a stand-in serves both). Null without a public API.
   */
  private statsApi(): PublicApiClient | null {
    const api = this.options.publicApi();
    if (!api) return null;
    if (this.statsUrl.of !== api.url) this.statsUrl = { of: api.url, url: statsUrlFor(api.url) };
    const url = this.statsUrl.url;
    if (url === api.url) return api;
    if (this.stats?.url !== url) {
      this.stats?.client.close();
      this.stats = { url, client: new PublicApiClient(url) };
    }
    return this.stats.client;
  }

  /** Polls and evaluates one node; never throws for the node's own failures. */
  readonly pollNode = async (node: NodeRecord, signal: AbortSignal): Promise<NodeStatus> => {
    if (this.options.publicApi() !== this.publicApi) this.prober = this.buildProber();
    const [probe] = await Promise.all([this.prober.probe(node, { signal }), this.versions.refresh()]);
    this.options.onProbe?.(probe);
    const status = evaluateHealth(probe, {
      referenceHeight: this.referenceHeight(probe),
      params: this.options.params(),
      rules: this.options.rules,
      now: this.now(),
      versions: this.versions.current(),
    });
    return this.withCapabilityProblems(status);
  };

  /** Drops what is cached for nodes that left the fleet. */
  forget(nodeIds: readonly number[]): void {
    for (const id of nodeIds) this.prober.forget(id);
  }

  /** Closes the node clients; the public API client belongs to whoever supplied it. */
  close(): void {
    this.fluxos.close();
    this.stats?.client.close();
  }

  private buildProber(): NodeProber {
    this.publicApi = this.options.publicApi();
    const rankSource = new RankSource({ publicApi: this.publicApi, fluxos: this.fluxos, fleetSize: () => this.options.latest.size, now: this.now });
    return new NodeProber({
      fluxos: this.fluxos,
      rankSource,
      ssh: this.options.sshPool,
      sshTargetFor: async (node) => {
        const target = sshTargetFor(node, this.options.nodes.credentialRefs(node.id));
        return target && this.options.sshTarget ? { ...target, ...this.options.sshTarget } : target;
      },
      now: this.now,
      ...this.options.prober,
    });
  }

  /** The chain tip as far as anyone can see: max of the public API, this node and every node's daemon. */
  private referenceHeight(probe: ProbeResult): number | null {
    const own = probe.api.daemonInfo.ok ? probe.api.daemonInfo.value.blocks : null;
    return referenceHeightOf([probe.publicHeight?.ok ? probe.publicHeight.value : null, own, this.options.latest.maxDaemonHeight()]);
  }

  private withCapabilityProblems(status: NodeStatus): NodeStatus {
    let merged = status;
    for (const source of this.options.problemSources ?? []) {
      try {
        merged = mergeProblems(merged, source.problems?.(status) ?? []);
      } catch (error) {
        console.error(`[monitor] ${source.name} problems failed:`, error instanceof Error ? error.message : error);
      }
    }
    return merged;
  }
}
