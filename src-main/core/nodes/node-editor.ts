import { accessSync, constants } from 'node:fs';
import type { z } from 'zod';
import type { BulkPatch, NodePatch, NodeRecord } from '../../../src-shared/contract';
import type { EventHub } from '../contract-server/event-hub';
import { AppError } from '../errors';
import type { NodeColumns, NodesRepo } from './nodes.repo';
import type { OwnersRepo } from './owners.repo';

type ParsedBulk = z.output<typeof BulkPatch>;

interface BulkUndo {
  before: { id: number; tags: string[]; owner: string | null; provider: string | null }[];
}

/**
 * Editing registered nodes: one node (`nodes:update`, `nodes edit`), or tags/owner/provider of a
 * selection at once, with the previous values of the last bulk change kept for one undo.
 */
export class NodeEditor {
  private lastBulk: BulkUndo | null = null;

  constructor(
    private readonly repo: NodesRepo,
    private readonly owners: OwnersRepo,
    private readonly events: EventHub,
  ) {}

  update(id: number, patch: NodePatch): NodeRecord {
    const current = this.repo.get(id);
    if (!current) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    const name = patch.name ?? current.name;
    const host = patch.host ?? current.host;
    const apiPort = patch.apiPort ?? current.apiPort;
    const sameName = this.repo.findByName(name);
    if (sameName && sameName.id !== id) throw new AppError('CONFLICT', `A node named "${name}" already exists`);
    const twin = this.repo.list().find((n) => n.id !== id && n.host === host && n.apiPort === apiPort);
    if (twin) throw new AppError('CONFLICT', `${host}:${apiPort} is already registered as "${twin.name}"`);

    const columns: NodeColumns = {};
    if (patch.name !== undefined) columns.name = patch.name;
    if (patch.host !== undefined) columns.host = patch.host;
    if (patch.sshPort !== undefined) columns.sshPort = patch.sshPort;
    if (patch.apiPort !== undefined) columns.apiPort = patch.apiPort;
    if (patch.username !== undefined) columns.username = patch.username;
    if (patch.tags !== undefined) columns.tags = [...new Set(patch.tags)];
    if (patch.provider !== undefined) columns.provider = patch.provider;
    if (patch.monthlyCostUsd !== undefined) columns.monthlyCostUsd = patch.monthlyCostUsd;
    if (patch.privateKeyPath !== undefined) {
      if (patch.privateKeyPath === null) {
        // Only a key-file node loses its SSH access here; stored keys, agent and passwords stay.
        if (current.auth.kind === 'key-file') Object.assign(columns, { authKind: 'none', keyPath: null });
      } else {
        assertReadable(patch.privateKeyPath);
        Object.assign(columns, { authKind: 'key-file', keyPath: patch.privateKeyPath, username: columns.username ?? current.username ?? 'root' });
      }
    }
    const record = this.repo.transaction(() => {
      if (patch.owner !== undefined) columns.ownerId = patch.owner === null ? null : this.owners.ensure(patch.owner).id;
      return this.repo.update(id, columns)!;
    });
    this.events.publish('fleet:onChanged', { reason: 'updated', nodeIds: [id] });
    return record;
  }

  /** Adds/removes tags and sets owner or provider on every selected node, in one transaction. */
  bulkUpdate(patch: ParsedBulk): { changed: number } {
    const nodes = patch.ids.map((id) => this.repo.get(id)).filter((n): n is NodeRecord => n !== undefined);
    if (nodes.length === 0) throw new AppError('NOT_FOUND', 'None of the selected nodes exists any more');
    const remove = new Set(patch.removeTags);
    this.repo.transaction(() => {
      const ownerId = patch.owner === undefined ? undefined : patch.owner === null ? null : this.owners.ensure(patch.owner).id;
      for (const node of nodes) {
        const tags = [...new Set([...node.tags.filter((t) => !remove.has(t)), ...patch.addTags])];
        const columns: NodeColumns = { tags };
        if (ownerId !== undefined) columns.ownerId = ownerId;
        if (patch.provider !== undefined) columns.provider = patch.provider;
        this.repo.update(node.id, columns);
      }
    });
    this.lastBulk = { before: nodes.map((n) => ({ id: n.id, tags: n.tags, owner: n.owner ?? null, provider: n.provider ?? null })) };
    this.events.publish('fleet:onChanged', { reason: 'updated', nodeIds: nodes.map((n) => n.id) });
    return { changed: nodes.length };
  }

  /** Puts back what the last bulk change replaced (once). */
  undoBulk(): { restored: number } {
    const undo = this.lastBulk;
    if (!undo) throw new AppError('NOT_FOUND', 'There is no bulk change to undo');
    let restored = 0;
    this.repo.transaction(() => {
      for (const before of undo.before) {
        const ownerId = before.owner === null ? null : this.owners.ensure(before.owner).id;
        if (this.repo.update(before.id, { tags: before.tags, ownerId, provider: before.provider })) restored++;
      }
    });
    this.lastBulk = null;
    this.events.publish('fleet:onChanged', { reason: 'updated', nodeIds: undo.before.map((b) => b.id) });
    return { restored };
  }
}

function assertReadable(path: string): void {
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new AppError('BAD_INPUT', `Key file ${path} does not exist or is not readable`);
  }
}
