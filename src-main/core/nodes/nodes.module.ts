import type { Capability } from '../capability';
import { InventoryImporter } from './inventory-import';
import type { NodesService } from './nodes.service';
import type { SshCheckService } from './ssh-check.service';

export interface NodesModuleDeps {
  nodes: NodesService;
  importer: InventoryImporter;
  sshCheck: SshCheckService;
}

/** The registered nodes (`nodes:*`) and their host-key pins (`hostkeys:*`). */
export function createNodesCapability(deps: NodesModuleDeps): Capability {
  return {
    name: 'nodes',
    handlers: {
      'nodes:list': () => deps.nodes.list(),
      'nodes:add': (input) => deps.nodes.add(input),
      'nodes:remove': async ({ id }) => ({ removed: await deps.nodes.remove(id) }),
      'nodes:import': ({ inventory }) => deps.importer.import(InventoryImporter.parse(inventory)),
      'nodes:checkSsh': ({ id }) => deps.sshCheck.check(id),
      'hostkeys:list': ({ id }) => deps.sshCheck.list(id),
      'hostkeys:trust': ({ id, keyType, fingerprint, previousFingerprint }) => deps.sshCheck.trust(id, keyType, fingerprint, previousFingerprint),
    },
  };
}
