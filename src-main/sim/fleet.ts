import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Inventory } from '../../src-shared/inventory.schema';
import { SimChain } from './chain';
import type { FaultName, Faults } from './faults';
import { faultsSchema } from './faults';
import { FleetSpecError, parseFleetSpec, type FleetSpec, type FleetSpecInput } from './fleet.schema';
import { checkState, networkHeightAt, planNodes } from './fleet-nodes';
import { SimHttpServer } from './http-server';
import { HostKeyStore, describeKey, ensureClientKey, generateEd25519 } from './keys';
import type { RouteContext } from './node-api';
import type { SimNode } from './sim-node';
import { SimSshServer } from './ssh-server';
import { deepMerge, type DeepPartial, type NodeState } from './state.schema';

/** In-process fleet of simulated FluxNodes: the test backbone for SSH, API and health code. */

export interface SimFleetOptions {
  /** Where the client key pair and host-key cache live; a fresh temp dir (removed on close) by default. */
  keysDir?: string;
  /** Milliseconds per block; 0 disables the clock (use `advanceBlocks`). Default 30000. */
  blockMs?: number;
  /** Unix seconds of the current block (default: now). */
  now?: number;
  /** Port of the public API stand-in (default 0 = ephemeral), bound on 127.0.0.1. */
  publicApiPort?: number;
}

export interface SimFleetHandle {
  readonly nodes: readonly SimNode[];
  /** Current network height. */
  readonly height: number;
  /** Base URL of the public API stand-in. */
  readonly publicApi: string;
  readonly keysDir: string;
  readonly privateKeyPath: string;
  /** The node named `name`; throws for an unknown name. */
  node(name: string): SimNode;
  /** Deep-merges `patch` into the node's state (validated; throws FleetSpecError when invalid). */
  setState(name: string, patch: DeepPartial<NodeState>): void;
  /** Turns faults on (merged over the current ones); resolves once `apiDown` took effect. */
  setFaults(name: string, faults: Faults): Promise<void>;
  /** Clears the named faults, or all of them. */
  clearFaults(name: string, which?: readonly FaultName[]): Promise<void>;
  /** Mines `n` blocks now (payments, confirmations, expiries). */
  advanceBlocks(n: number): void;
  /** Stops the clock and closes every socket. Idempotent. */
  close(): Promise<void>;
}

export interface SimFleet {
  inventory: Inventory;
  handle: SimFleetHandle;
}

interface Running {
  node: SimNode;
  http: SimHttpServer;
  /** Absent for API-only nodes. */
  ssh?: SimSshServer;
}

const START_CONCURRENCY = 64;


/** Starts every node of `spec` (validated here) and the public API; resolves when all listen. */
export async function startSimFleet(spec: FleetSpec | FleetSpecInput, options: SimFleetOptions = {}): Promise<SimFleet> {
  const fleet = parseFleetSpec(spec);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const startHeight = networkHeightAt(fleet, now);
  const planned = planNodes(fleet, now);
  const ownKeysDir = options.keysDir === undefined;
  const keysDir = options.keysDir ?? (await mkdtemp(join(tmpdir(), 'fluxdeck-sim-')));
  const clientKey = await ensureClientKey(keysDir);
  const hostKeys = await HostKeyStore.open(ownKeysDir ? undefined : keysDir);

  const nodes = planned.map((p) => p.node);
  for (const node of nodes) anchorScheduledApps(node, startHeight);
  const chain = new SimChain(nodes, { height: startHeight, now });
  const ctx: RouteContext = {
    chain,
    fluxnodeCount: fleet.network.fluxnodeCount,
    networkApps: fleet.network.apps ?? [],
    ...(fleet.network.modulesMinimumVersions ? { modulesMinimumVersions: fleet.network.modulesMinimumVersions } : {}),
  };
  const running = new Map<string, Running>();
  const publicServer = new SimHttpServer('127.0.0.1', undefined, ctx);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    const limit = pLimit(START_CONCURRENCY);
    await Promise.all([
      publicServer.stop(),
      ...[...running.values()].map((r) => limit(() => Promise.all([r.http.stop(), r.ssh?.stop()]))),
    ]);
    if (ownKeysDir) await rm(keysDir, { recursive: true, force: true });
  };

  const inventoryNodes: Inventory['nodes'] = [];
  try {
    const hostKeyText = planned.map((p) => (p.apiOnly ? '' : hostKeys.get(p.node.name)));
    await hostKeys.save();
    const limit = pLimit(START_CONCURRENCY);
    await Promise.all(
      planned.map((p, i) =>
        limit(async () => {
          const http = new SimHttpServer(p.node.host, p.node, ctx);
          const ssh = p.apiOnly
            ? undefined
            : new SimSshServer(p.node.host, p.node, ctx, {
                hostKey: hostKeyText[i]!,
                altHostKey: () => generateEd25519().privateKey,
                clientPublicKey: clientKey.publicKey,
                localFluxos: { port: () => (http.listening ? http.port : undefined) },
              });
          running.set(p.node.name, { node: p.node, http, ...(ssh ? { ssh } : {}) });
          await ssh?.start(p.sshPort);
          if (p.node.faults.apiDown) await http.start(p.apiPort).then(() => http.stop());
          else await http.start(p.apiPort);
        }),
      ),
    );
    await publicServer.start(options.publicApiPort ?? 0);
    planned.forEach((p, i) => {
      const r = running.get(p.node.name)!;
      const base = { name: p.node.name, host: p.node.host, apiPort: r.http.port, tags: [...p.node.tags] };
      if (!r.ssh) {
        // API-only: nothing logs in, so the inventory names no user (as a hand-written one would).
        inventoryNodes.push({ ...base, sshPort: 22 });
        return;
      }
      const key = describeKey(hostKeyText[i]!);
      inventoryNodes.push({ ...base, username: p.node.username, sshPort: r.ssh.port, privateKeyPath: clientKey.privateKeyPath, hostKey: { type: key.type, fingerprint: key.fingerprint } });
    });
  } catch (error) {
    await close();
    throw error;
  }

  const blockMs = options.blockMs ?? 30_000;
  if (blockMs > 0) {
    timer = setInterval(() => chain.advance(1), blockMs);
    timer.unref();
  }

  const find = (name: string): Running => {
    const r = running.get(name);
    if (!r) throw new FleetSpecError(`no simulated node named "${name}"`);
    return r;
  };
  const applyDown = async (r: Running): Promise<void> => {
    if (r.node.faults.apiDown && r.http.listening) await r.http.stop();
    else if (!r.node.faults.apiDown && !r.http.listening && !closed) await r.http.start();
  };
  const publicApi = `http://127.0.0.1:${publicServer.port}`;

  const handle: SimFleetHandle = {
    nodes,
    get height() {
      return chain.height;
    },
    publicApi,
    keysDir,
    privateKeyPath: clientKey.privateKeyPath,
    node: (name) => find(name).node,
    setState(name, patch) {
      const r = find(name);
      r.node.state = checkState(deepMerge(r.node.state, patch), `node "${name}"`);
      chain.invalidate();
    },
    async setFaults(name, faults) {
      const r = find(name);
      const parsed = faultsSchema.safeParse(faults);
      if (!parsed.success) throw new FleetSpecError(`faults for "${name}" are invalid: ${parsed.error.message}`);
      r.node.faults = { ...r.node.faults, ...parsed.data };
      await applyDown(r);
    },
    async clearFaults(name, which) {
      const r = find(name);
      if (!which) r.node.faults = {};
      else {
        const next: Faults = { ...r.node.faults };
        for (const f of which) delete next[f];
        r.node.faults = next;
      }
      await applyDown(r);
    },
    advanceBlocks(n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError('advanceBlocks needs a non-negative integer');
      chain.advance(n);
    },
    close,
  };
  return { inventory: { publicApi, nodes: inventoryNodes }, handle };
}

/** Relative app schedules become heights once the chain's starting height is known. */
function anchorScheduledApps(node: SimNode, startHeight: number): void {
  const scheduled = node.state.scheduledApps;
  if (!scheduled) return;
  node.state.scheduledApps = scheduled.map((s) =>
    s.relative ? { ...s, relative: false, fromHeight: startHeight + s.fromHeight, ...(s.untilHeight !== undefined ? { untilHeight: startHeight + s.untilHeight } : {}) } : s,
  );
}
