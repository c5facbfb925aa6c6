import type { Capability } from '../capability';
import type { NodeImporter } from './import/node-importer';
import type { WalletDiscovery } from './import/wallet-discovery';
import type { NodeEditor } from './node-editor';
import type { NodesService } from './nodes.service';
import { ownerViews, type OwnersRepo } from './owners.repo';
import type { SshCheckService } from './ssh-check.service';

export interface NodesModuleDeps {
  nodes: NodesService;
  importer: NodeImporter;
  editor: NodeEditor;
  sshCheck: SshCheckService;
  owners: OwnersRepo;
  discovery: WalletDiscovery;
}

/** The registered nodes (`nodes:*`), their owners (`owners:*`) and host-key pins (`hostkeys:*`). */
export function createNodesCapability(deps: NodesModuleDeps): Capability {
  return {
    name: 'nodes',
    handlers: {
      'nodes:list': () => deps.nodes.list(),
      'nodes:add': (input) => deps.nodes.add(input),
      'nodes:remove': async ({ id }) => ({ removed: await deps.nodes.remove(id) }),
      'nodes:importPreview': (input) => deps.importer.preview(input),
      'nodes:import': (input) => deps.importer.commit(input),
      'nodes:discoverPreview': (input) => deps.discovery.preview(input),
      'nodes:discover': (input) => deps.discovery.commit(input),
      'nodes:update': ({ id, patch }) => deps.editor.update(id, patch),
      'nodes:bulkUpdate': (input) => deps.editor.bulkUpdate(input),
      'nodes:undoBulk': () => deps.editor.undoBulk(),
      'nodes:checkSsh': ({ id }) => deps.sshCheck.check(id),
      'owners:list': () => ownerViews(deps.owners.list(), deps.nodes.list()),
      'owners:save': ({ name, note, addresses }) => {
        const saved = deps.owners.save(name, { ...(note !== undefined ? { note } : {}), ...(addresses ? { addresses } : {}) });
        return ownerViews([saved], deps.nodes.list())[0]!;
      },
      'hostkeys:list': ({ id }) => deps.sshCheck.list(id),
      'hostkeys:trust': ({ id, keyType, fingerprint, previousFingerprint }) => deps.sshCheck.trust(id, keyType, fingerprint, previousFingerprint),
    },
  };
}
