import type { NodeStatus } from '../../src-shared/contract/fleet.contract';
import type { NodeRecord } from '../../src-shared/contract/nodes.contract';
import type { InventoryNode } from '../../src-shared/inventory.schema';
import { FluxosClient, PublicApiClient } from '../core/fluxos/fluxos-client';
import { evaluateHealth } from '../core/health/evaluate-health';
import { loadHealthRules } from '../core/health/health-rules';
import { loadChainParams } from '../core/chain/chain-params';
import { startSimFleet, type SimFleet } from '../sim/fleet';
import type { FleetSpecInput } from '../sim/fleet.schema';
import { createPoolHarness, type PoolHarness } from './pool-harness';
import type { SshTarget } from '../core/ssh/ssh-types';
import { NodeProber } from '../core/probe/node-prober';
import type { ProbeResult } from '../core/probe/probe-types';
import { RankSource } from '../core/probe/rank-source';

/** A simulated fleet wired to a real FluxosClient, SshPool, RankSource and NodeProber, with a fake clock. */
export interface ProbeHarness {
  fleet: SimFleet;
  ssh: PoolHarness;
  fluxos: FluxosClient;
  publicApi: PublicApiClient;
  rankSource: RankSource;
  prober: NodeProber;
  records: NodeRecord[];
  record(name: string): NodeRecord;
  inventoryNode(name: string): InventoryNode;
  sshTarget(name: string): SshTarget;
  /** Moves the probe clock forward (route caches expire on it). */
  advance(ms: number): void;
  probe(name: string): Promise<ProbeResult>;
  status(name: string): Promise<NodeStatus>;
  close(): Promise<void>;
}

export interface ProbeHarnessOptions {
  apiTimeoutMs?: number;
  sshTimeoutMs?: number;
  /** Override a record's API port (e.g. to put a counting proxy in front). */
  apiPortFor?: (node: InventoryNode) => number;
  /** Rewrites the public API URL (e.g. to a counting proxy in front of it). */
  publicApiUrl?: (url: string) => Promise<string>;
  /** Where nodes with SSH read fluxd's and fluxbench's facts (NodeProberOptions). */
  daemonFactsVia?: 'ssh' | 'api';
}

const params = loadChainParams();
const rules = loadHealthRules();

export async function startProbeHarness(spec: FleetSpecInput, options: ProbeHarnessOptions = {}): Promise<ProbeHarness> {
  const fleet = await startSimFleet(spec, { blockMs: 0 });
  const ssh = createPoolHarness({ idleTtlMs: 5_000 });
  const inventory = fleet.inventory.nodes;
  ssh.hostKeys.importInventory(inventory.map((n) => ({ host: n.host, port: n.sshPort, hostKey: n.hostKey })));
  const apiTimeoutMs = options.apiTimeoutMs ?? 1_500;
  const fluxos = new FluxosClient({ timeoutMs: apiTimeoutMs });
  const publicUrl = options.publicApiUrl ? await options.publicApiUrl(fleet.inventory.publicApi!) : fleet.inventory.publicApi!;
  const publicApi = new PublicApiClient(publicUrl, { timeoutMs: apiTimeoutMs });
  let clock = Date.now();
  const now = (): number => clock;
  const rankSource = new RankSource({ publicApi, fluxos, now });
  rankSource.setFleetSize(inventory.length);

  const records: NodeRecord[] = inventory.map((n, i) => ({
    id: i + 1,
    name: n.name,
    host: n.host,
    sshPort: n.sshPort,
    apiPort: options.apiPortFor?.(n) ?? n.apiPort,
    username: n.username ?? null,
    auth: n.privateKeyPath ? { kind: 'key-file', path: n.privateKeyPath, hasPassphrase: false } : { kind: 'none' },
    tags: n.tags,
    createdAt: 0,
    updatedAt: 0,
  }));
  const byName = (name: string): number => {
    const i = records.findIndex((r) => r.name === name);
    if (i < 0) throw new Error(`no node ${name}`);
    return i;
  };
  const sshTarget = (name: string): SshTarget => {
    const n = inventory[byName(name)]!;
    return {
      host: n.host,
      port: n.sshPort,
      username: n.username!,
      auth: { kind: 'key-file', path: n.privateKeyPath! },
      readyTimeoutMs: 1_000,
      keepalive: { intervalMs: 300, countMax: 2 },
    };
  };
  const prober = new NodeProber({
    fluxos,
    rankSource,
    ssh: ssh.pool,
    sshTargetFor: (node) => Promise.resolve(node.username ? sshTarget(node.name) : null),
    now,
    apiTimeoutMs,
    sshTimeoutMs: options.sshTimeoutMs ?? 1_500,
    daemonFactsVia: options.daemonFactsVia,
  });
  const probe = (name: string): Promise<ProbeResult> => prober.probe(records[byName(name)]!);
  return {
    fleet,
    ssh,
    fluxos,
    publicApi,
    rankSource,
    prober,
    records,
    record: (name) => records[byName(name)]!,
    inventoryNode: (name) => inventory[byName(name)]!,
    sshTarget,
    advance: (ms) => {
      clock += ms;
    },
    probe,
    status: async (name) => evaluateHealth(await probe(name), { referenceHeight: null, params, rules, now: clock }),
    close: async () => {
      fluxos.close();
      publicApi.close();
      await ssh.close();
      await fleet.handle.close();
    },
  };
}
