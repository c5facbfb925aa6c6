import type { NodeRecord, NodeStatus } from '../../../src-shared/contract';
import { FluxosClient, type PublicApiClient } from '../fluxos';
import { evaluateHealth, referenceHeightOf, type HealthRules } from '../health';
import { NodeProber, RankSource, type NodeProberOptions, type ProbeResult } from '../probe';
import type { ChainParams } from '../chain/chain-params';
import type { NodesRepo } from '../nodes/nodes.repo';
import { sshTargetFor } from '../nodes/ssh-target';
import type { SshPool } from '../ssh/ssh-pool';
import type { SshTarget } from '../ssh/ssh-types';

export interface ProbePipelineOptions {
  nodes: NodesRepo;
  sshPool: SshPool;
  /** The public API client (api.runonflux.io or the simulator's stand-in), asked before each poll. */
  publicApi: () => PublicApiClient | null;
  params: () => ChainParams;
  rules: HealthRules;
  fluxos?: FluxosClient;
  now?: () => number;
  /** Probe deadlines and route cache ages (tests shorten them; the defaults suit real nodes). */
  prober?: Pick<NodeProberOptions, 'apiTimeoutMs' | 'sshTimeoutMs' | 'routeTtls'>;
  /** SSH handshake and keepalive settings applied to every node's target. */
  sshTarget?: Pick<SshTarget, 'readyTimeoutMs' | 'keepalive'>;
  /** Sees each raw probe before it is judged (the apps capability keeps the app details from it). */
  onProbe?: (probe: ProbeResult) => void;
}

/**
 * One node, one poll: probe its sources, then judge them against the fleet's reference height
 * (the highest of the public API's and every node's own) and the health rules.
 */
export class ProbePipeline {
  readonly fluxos: FluxosClient;
  private prober: NodeProber;
  private publicApi: PublicApiClient | null = null;
  private readonly heights = new Map<number, number>();
  private readonly lastOk = new Map<number, number>();
  private readonly now: () => number;

  constructor(private readonly options: ProbePipelineOptions) {
    this.now = options.now ?? Date.now;
    this.fluxos = options.fluxos ?? new FluxosClient();
    this.prober = this.buildProber();
  }

  /** Last known statuses, so `lastOkAt` and the reference height survive a restart. */
  seed(statuses: readonly NodeStatus[]): void {
    for (const status of statuses) {
      if (status.daemon?.blocks) this.heights.set(status.nodeId, status.daemon.blocks);
      if (status.lastOkAt !== null) this.lastOk.set(status.nodeId, status.lastOkAt);
    }
  }

  /** Polls and evaluates one node; never throws for the node's own failures. */
  readonly pollNode = async (node: NodeRecord, signal: AbortSignal): Promise<NodeStatus> => {
    if (this.options.publicApi() !== this.publicApi) this.prober = this.buildProber();
    const probe = await this.prober.probe(node, { signal });
    this.options.onProbe?.(probe);
    this.rememberHeight(probe);
    const status = evaluateHealth(probe, {
      referenceHeight: this.referenceHeight(probe),
      params: this.options.params(),
      rules: this.options.rules,
      now: this.now(),
      previousLastOkAt: this.lastOk.get(node.id) ?? null,
    });
    if (status.lastOkAt !== null) this.lastOk.set(node.id, status.lastOkAt);
    return status;
  };

  /** Drops what is cached for nodes that left the fleet. */
  forget(nodeIds: readonly number[]): void {
    for (const id of nodeIds) {
      this.prober.forget(id);
      this.heights.delete(id);
      this.lastOk.delete(id);
    }
  }

  /** Closes the node clients; the public API client belongs to whoever supplied it. */
  close(): void {
    this.fluxos.close();
  }

  private buildProber(): NodeProber {
    this.publicApi = this.options.publicApi();
    const rankSource = new RankSource({ publicApi: this.publicApi, fluxos: this.fluxos, fleetSize: () => this.heights.size, now: this.now });
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

  private rememberHeight(probe: ProbeResult): void {
    if (probe.api.daemonInfo.ok) this.heights.set(probe.nodeId, probe.api.daemonInfo.value.blocks);
  }

  /** The chain tip as far as anyone can see: max of the public API and every node's daemon. */
  private referenceHeight(probe: ProbeResult): number | null {
    return referenceHeightOf([probe.publicHeight?.ok ? probe.publicHeight.value : null, ...this.heights.values()]);
  }
}
