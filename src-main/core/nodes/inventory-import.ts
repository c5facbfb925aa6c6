import { inventorySchema, type Inventory } from '../../../src-shared/inventory.schema';
import { NodeName } from '../../../src-shared/contract';
import { formatIssues } from '../contract-server/dispatcher';
import { AppError } from '../errors';
import type { EventHub } from '../contract-server/event-hub';
import type { SettingsRepo } from '../store/settings.repo';
import type { HostKeys } from '../ssh/host-keys';
import type { NewNode, NodesRepo } from './nodes.repo';

export interface ImportReport {
  added: string[];
  /** Names already registered: left untouched so an import can be repeated safely. */
  skipped: string[];
  hostKeys: { imported: number; unchanged: number; conflicts: number };
  publicApi: string | null;
}

export const PUBLIC_API_SETTING = 'publicApi';

/**
 * Bulk onboarding from an inventory file (what `fluxdeck sim` writes, or a hand-written list):
 * registers the nodes in one transaction and pins the host keys the file vouches for.
 */
export class InventoryImporter {
  constructor(
    private readonly repo: NodesRepo,
    private readonly hostKeys: HostKeys,
    private readonly settings: SettingsRepo,
    private readonly events: EventHub,
  ) {}

  /** Parses untrusted JSON text (or an already-parsed value) into an inventory with clear errors. */
  static parse(input: unknown): Inventory {
    let value = input;
    if (typeof input === 'string') {
      try {
        value = JSON.parse(input);
      } catch (error) {
        throw new AppError('BAD_INPUT', `Inventory is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const parsed = inventorySchema.safeParse(value);
    if (!parsed.success) throw new AppError('BAD_INPUT', `Inventory: ${formatIssues(parsed.error)}`);
    for (const node of parsed.data.nodes) {
      const name = NodeName.safeParse(node.name);
      if (!name.success) throw new AppError('BAD_INPUT', `Inventory node "${node.name.slice(0, 64)}": ${formatIssues(name.error)}`);
    }
    return parsed.data;
  }

  import(inventory: Inventory): ImportReport {
    const existing = new Set(this.repo.list().map((node) => node.name.toLowerCase()));
    const fresh: NewNode[] = [];
    const skipped: string[] = [];
    for (const node of inventory.nodes) {
      if (existing.has(node.name.toLowerCase())) {
        skipped.push(node.name);
        continue;
      }
      existing.add(node.name.toLowerCase());
      fresh.push({
        name: node.name,
        host: node.host,
        sshPort: node.sshPort,
        apiPort: node.apiPort,
        username: node.username,
        authKind: node.privateKeyPath ? 'key-file' : 'none',
        keyPath: node.privateKeyPath ?? null,
        secretRef: null,
        passphraseRef: null,
        tags: node.tags,
      });
    }
    const added = this.repo.insertMany(fresh);
    const keys = this.hostKeys.importInventory(inventory.nodes.map((node) => ({ host: node.host, port: node.sshPort, hostKey: node.hostKey })));
    if (inventory.publicApi) this.settings.set(PUBLIC_API_SETTING, inventory.publicApi);
    if (added.length) this.events.publish('fleet:onChanged', { reason: 'imported', nodeIds: added.map((node) => node.id) });
    return {
      added: added.map((node) => node.name),
      skipped,
      hostKeys: { imported: keys.imported, unchanged: keys.unchanged, conflicts: keys.conflicts },
      publicApi: inventory.publicApi ?? null,
    };
  }
}
