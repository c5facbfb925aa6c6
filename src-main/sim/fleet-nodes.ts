import { estimateHeightAt } from '../core/chain/chain-height';
import { loadChainParams } from '../core/chain/chain-params';
import { z } from 'zod';
import { FleetSpecError, type FleetSpec } from './fleet.schema';
import { fakeAddress, buildPresetState } from './presets';
import type { SimNode } from './sim-node';
import { deepMerge, nodeStateSchema, type NodeState } from './state.schema';

/** Turns a validated fleet spec into SimNodes: names, loopback addresses, merged and checked state. */

/** Distinct loopback address for node `index`: 127.0.0.2…254, then 127.0.1.2…, skipping .0/.1/.255. */
export function loopbackAddress(index: number): string {
  const perBlock = 253;
  const block = Math.floor(index / perBlock);
  const last = (index % perBlock) + 2;
  return `127.${Math.floor(block / 256) % 256}.${block % 256}.${last}`;
}

export interface PlannedNode {
  node: SimNode;
  sshPort: number;
  apiPort: number;
  apiOnly: boolean;
}

const DEFAULT_WALLET_SEED = 'fluxdeck-sim-wallet';

/** Validates a state after merging; the error names the node and each bad field. */
export function checkState(state: unknown, where: string): NodeState {
  const result = nodeStateSchema.safeParse(state);
  if (result.success) return result.data;
  throw new FleetSpecError(`${where}: invalid state:\n${z.prettifyError(result.error)}`);
}

/** The fleet's start height: as written, or for `"clock"` mainnet's height at `now` (unix s). */
export function networkHeightAt(spec: FleetSpec, now: number): number {
  const h = spec.network.height;
  return typeof h === 'number' ? h : estimateHeightAt(loadChainParams(), now * 1000);
}

export function planNodes(spec: FleetSpec, now: number): PlannedNode[] {
  const height = networkHeightAt(spec, now);
  const wallet = spec.network.wallet ?? fakeAddress(DEFAULT_WALLET_SEED);
  const entries = [...spec.nodes.map((n, i) => ({ spec: n, where: `nodes[${i}] "${n.name}"` }))];
  const counts = spec.count === undefined ? [] : Array.isArray(spec.count) ? spec.count : [spec.count];
  counts.forEach((count, c) => {
    for (let k = 1; k <= count.n; k++) {
      const name = `${count.namePrefix}-${k}`;
      entries.push({
        spec: { name, preset: count.preset, sshPort: 0, apiPort: 0, tags: count.tags, state: {}, api: {}, ssh: {}, faults: {}, apiOnly: count.apiOnly },
        where: `count${Array.isArray(spec.count) ? `[${c}]` : ''} node "${name}"`,
      });
    }
  });
  const names = new Set<string>();
  return entries.map(({ spec: n, where }, index) => {
    if (names.has(n.name)) throw new FleetSpecError(`${where}: duplicate node name "${n.name}"`);
    names.add(n.name);
    const host = n.host ?? loopbackAddress(index);
    const base = buildPresetState(n.preset, { name: n.name, index, host, height, now, wallet });
    if (!base) throw new FleetSpecError(`${where}: unknown preset "${n.preset}"`);
    const state = checkState(deepMerge(base, n.state), where);
    const node: SimNode = {
      name: n.name,
      index,
      host,
      username: n.username ?? (state.isArcaneOS ? 'operator' : 'flux'),
      tags: n.tags,
      state,
      apiOverrides: n.api,
      sshOverrides: n.ssh,
      faults: { ...n.faults },
    };
    return { node, sshPort: n.sshPort, apiPort: n.apiPort, apiOnly: n.apiOnly };
  });
}

export type { NodeState };
