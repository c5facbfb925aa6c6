import type { z } from 'zod';
import { inventorySchema, type Inventory } from '../../../src-shared/inventory.schema';
import { NodeName } from '../../../src-shared/contract';
import { AppError } from '../errors';
import type { EventHub } from '../contract-server/event-hub';
import type { SettingsRepo } from '../store/settings.repo';
import type { HostKeys } from '../ssh/host-keys';
import { RevokedKeysRepo } from '../ssh/revoked-keys.repo';
import { fieldRule } from './import/import-source';
import { NodeImporter, PUBLIC_API_SETTING } from './import/node-importer';
import type { NodesRepo } from './nodes.repo';
import { OwnersRepo } from './owners.repo';

export { PUBLIC_API_SETTING };

/** The short report programmatic callers (tests, bench, the fleet harness) read. */
export interface ImportReport {
  added: string[];
  /** Names already registered: left untouched so an import can be repeated safely. */
  skipped: string[];
  hostKeys: { imported: number; unchanged: number; conflicts: number };
  publicApi: string | null;
}

/**
 * A parsed inventory object imported through the one import pipeline ({@link NodeImporter}).
 * Used by code that already holds an inventory (the simulator's, the bench's); users import files.
 */
export class InventoryImporter {
  readonly pipeline: NodeImporter;

  constructor(repo: NodesRepo, hostKeys: HostKeys, settings: SettingsRepo, events: EventHub) {
    this.pipeline = new NodeImporter({ nodes: repo, owners: new OwnersRepo(repo.db), hostKeys, revoked: new RevokedKeysRepo(repo.db), settings, events });
  }

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
    if (!parsed.success) throw new AppError('BAD_INPUT', `Inventory: ${describeIssues(parsed.error)}`);
    for (const [index, node] of parsed.data.nodes.entries()) {
      if (!NodeName.safeParse(node.name).success) throw new AppError('BAD_INPUT', `Inventory: node ${index + 1}: ${fieldRule('name')}`);
    }
    return parsed.data;
  }

  /** Imports in one transaction. The inventory's public API is applied only when `setPublicApi` says so. */
  import(inventory: Inventory, options: { setPublicApi?: boolean } = {}): ImportReport {
    const result = this.pipeline.commit({ text: JSON.stringify(inventory), format: 'inventory', setPublicApi: options.setPublicApi ?? false });
    return {
      added: result.add.map((row) => row.name),
      skipped: [...result.update.map((row) => row.name), ...result.skip.map((row) => row.name)],
      hostKeys: { imported: result.hostKeysApplied.imported, unchanged: result.hostKeysApplied.unchanged, conflicts: result.hostKeysApplied.conflicts },
      publicApi: result.publicApiApplied ? result.publicApi : null,
    };
  }
}

/** "node 3: sshPort must be a number from 1 to 65535", never a zod path such as `nodes.2.sshPort`. */
function describeIssues(error: z.ZodError): string {
  const said = new Set<string>();
  for (const issue of error.issues) {
    const [top, index, field] = issue.path;
    if (top === 'nodes' && typeof index === 'number') said.add(`node ${index + 1}: ${field === undefined ? 'is not a node entry' : fieldRule(String(field))}`);
    else if (top === 'publicApi') said.add('publicApi must be an http or https URL');
    else said.add('expected {"nodes": [...]}');
    if (said.size === 5) break;
  }
  return [...said].join('; ');
}
