import type { ImportFormat, ImportPlan, ImportResult, ImportRow, NodeRecord } from '../../../../src-shared/contract';
import type { EventHub } from '../../contract-server/event-hub';
import type { HostKeys } from '../../ssh/host-keys';
import type { RevokedKeysRepo } from '../../ssh/revoked-keys.repo';
import type { SettingsRepo } from '../../store/settings.repo';
import type { NewNode, NodeColumns, NodesRepo } from '../nodes.repo';
import type { OwnersRepo } from '../owners.repo';
import { csvSource } from './csv-source';
import { detectFormat } from './detect-format';
import { checkCandidate, type ImportSource } from './import-source';
import { inventorySource } from './inventory-source';
import { knownHostsSource } from './known-hosts-source';
import { sshConfigSource, type SshConfigSourceOptions } from './ssh-config-source';

export const PUBLIC_API_SETTING = 'publicApi';

export interface ImportRequest {
  text: string;
  format?: ImportFormat;
  setPublicApi?: boolean;
  /** For ssh-config files: where they live, and the known_hosts to take pins from. */
  sshConfig?: SshConfigSourceOptions;
}

export interface NodeImporterDeps {
  nodes: NodesRepo;
  owners: OwnersRepo;
  hostKeys: HostKeys;
  revoked: RevokedKeysRepo;
  settings: SettingsRepo;
  events: EventHub;
}

/**
 * Every import, whatever the file: read the file into rows, compare them with the fleet (add,
 * update, skip and why), and only on commit write nodes, owners, pins and revocations in ONE
 * immediate transaction, so nothing is ever half-imported.
 */
export class NodeImporter {
  constructor(private readonly deps: NodeImporterDeps) {}

  /** What the import would do; writes nothing. */
  preview(request: ImportRequest): ImportPlan {
    return this.plan(this.read(request));
  }

  commit(request: ImportRequest): ImportResult {
    return this.commitSource(this.read(request), request);
  }

  /** Previews rows that did not come from a file (wallet discovery). */
  previewSource(source: ImportSource): ImportPlan {
    return this.plan(source);
  }

  /** Commits rows from any source; `ownerAddresses` are merged into the owners named (same transaction). */
  commitSource(source: ImportSource, request: { setPublicApi?: boolean; ownerAddresses?: Record<string, string[]> } = {}): ImportResult {
    const { nodes, owners, hostKeys, revoked, settings } = this.deps;
    const outcome = nodes.transaction(() => {
      // Planned inside the transaction: another process cannot slip a node in between.
      const plan = this.plan(source);
      for (const [owner, addresses] of Object.entries(request.ownerAddresses ?? {})) owners.upsert(owner, addresses);
      const ownerId = (name: string | null) => (name ? owners.ensure(name).id : null);
      const added = plan.add.map((row) => nodes.insert(toNewNode(row, ownerId(row.owner))));
      const byName = new Map(nodes.list().map((n) => [n.name.toLowerCase(), n]));
      const updated = plan.update.map((row) => {
        const id = byName.get(row.name.toLowerCase())!.id;
        return nodes.update(id, updateColumns(row, ownerId(row.owner)))!;
      });
      let revokedCount = 0;
      for (const key of plan.hostKeys.revoked) if (revoked.revoke(key.keyType, key.fingerprint, source.format)) revokedCount++;
      const keys = hostKeys.importInventory(plan.hostKeys.pins.map((p) => ({ host: p.host, port: p.port, hostKey: { type: p.keyType, fingerprint: p.fingerprint } })));
      const publicApiApplied = Boolean(request.setPublicApi && plan.publicApi && acceptablePublicApi(plan.publicApi));
      if (publicApiApplied) settings.set(PUBLIC_API_SETTING, plan.publicApi);
      return { plan, added, updated, publicApiApplied, hostKeysApplied: { imported: keys.imported, unchanged: keys.unchanged, conflicts: keys.conflicts, revoked: revokedCount } };
    });
    const changed = [...outcome.added, ...outcome.updated].map((n) => n.id);
    if (changed.length) this.deps.events.publish('fleet:onChanged', { reason: 'imported', nodeIds: changed });
    const notes = [...outcome.plan.notes];
    if (request.setPublicApi && outcome.plan.publicApi && !outcome.publicApiApplied) notes.push(`Public API ${outcome.plan.publicApi} not applied: only https (or http on this computer) is accepted`);
    return { ...outcome.plan, notes, hostKeysApplied: outcome.hostKeysApplied, publicApiApplied: outcome.publicApiApplied };
  }

  private read(request: ImportRequest): ImportSource {
    const format = request.format ?? detectFormat(request.text);
    switch (format) {
      case 'inventory':
        return inventorySource(request.text);
      case 'csv':
        return csvSource(request.text);
      case 'ssh-config':
        return sshConfigSource(request.text, request.sshConfig);
      case 'known-hosts':
        return knownHostsSource(request.text, this.deps.nodes.list().map((n) => ({ host: n.host, port: n.sshPort })));
    }
  }

  private plan(source: ImportSource): ImportPlan {
    const existing = this.deps.nodes.list();
    const byName = new Map(existing.map((n) => [n.name.toLowerCase(), n]));
    const byEndpoint = new Map(existing.map((n) => [`${n.host.toLowerCase()}:${n.apiPort}`, n]));
    const plan: ImportPlan = {
      format: source.format,
      add: [],
      update: [],
      skip: [...source.skip],
      hostKeys: { pins: [], revoked: source.revoked },
      publicApi: source.publicApi,
      notes: [...source.notes],
    };
    const seenNames = new Set<string>();
    const seenEndpoints = new Set<string>();
    for (const candidate of source.candidates) {
      const checked = checkCandidate(candidate);
      if (!checked.ok) {
        plan.skip.push({ name: candidate.label, reason: checked.reason });
        continue;
      }
      const row = checked.row;
      const key = row.name.toLowerCase();
      const endpoint = `${row.host.toLowerCase()}:${row.apiPort}`;
      if (seenNames.has(key)) {
        plan.skip.push({ name: row.name, reason: 'the name appears earlier in the file' });
        continue;
      }
      if (seenEndpoints.has(endpoint)) {
        plan.skip.push({ name: row.name, reason: `${row.host}:${row.apiPort} appears earlier in the file` });
        continue;
      }
      seenNames.add(key);
      seenEndpoints.add(endpoint);
      const current = byName.get(key);
      const twin = byEndpoint.get(endpoint);
      if (twin && twin.id !== current?.id) {
        plan.skip.push({ name: row.name, reason: `${row.host}:${row.apiPort} is already registered as "${twin.name}"` });
        continue;
      }
      if (!current) plan.add.push(row);
      else if (differs(current, row)) plan.update.push(row);
      else plan.skip.push({ name: row.name, reason: 'already registered, unchanged' });
    }
    const revoked = new Set(source.revoked.map((k) => k.fingerprint));
    plan.hostKeys.pins = source.pins.filter((p) => !revoked.has(p.fingerprint));
    return plan;
  }
}

/** Loopback http never leaves the machine (the simulator's stand-in); anything else must be https. */
export function acceptablePublicApi(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
  } catch {
    return false;
  }
}

function toNewNode(row: ImportRow, ownerId: number | null): NewNode {
  return {
    name: row.name,
    host: row.host,
    sshPort: row.sshPort,
    apiPort: row.apiPort,
    username: row.username,
    authKind: row.privateKeyPath ? 'key-file' : 'none',
    keyPath: row.privateKeyPath,
    secretRef: null,
    passphraseRef: null,
    tags: row.tags,
    ownerId,
    provider: row.provider,
    monthlyCostUsd: row.monthlyCostUsd,
  };
}

/**
 * An update changes what the file gives: an empty cell (null, no tags) keeps the node's value, so
 * a CSV with only name,host,owner cannot wipe a node's key or tags by leaving them out.
 */
function updateColumns(row: ImportRow, ownerId: number | null): NodeColumns {
  const columns: NodeColumns = { name: row.name, host: row.host, sshPort: row.sshPort, apiPort: row.apiPort };
  if (row.username !== null) columns.username = row.username;
  if (row.privateKeyPath !== null) Object.assign(columns, { authKind: 'key-file', keyPath: row.privateKeyPath });
  if (row.tags.length > 0) columns.tags = row.tags;
  if (ownerId !== null) columns.ownerId = ownerId;
  if (row.provider !== null) columns.provider = row.provider;
  if (row.monthlyCostUsd !== null) columns.monthlyCostUsd = row.monthlyCostUsd;
  return columns;
}

function keyPathOf(node: NodeRecord): string | null {
  return node.auth.kind === 'key-file' ? node.auth.path : null;
}

/** Whether a row would change a registered node (only fields a file can carry). */
function differs(node: NodeRecord, row: ImportRow): boolean {
  return (
    node.name !== row.name ||
    node.host !== row.host ||
    node.sshPort !== row.sshPort ||
    node.apiPort !== row.apiPort ||
    (row.username !== null && node.username !== row.username) ||
    (row.privateKeyPath !== null && keyPathOf(node) !== row.privateKeyPath) ||
    (row.tags.length > 0 && node.tags.join('\u0000') !== row.tags.join('\u0000')) ||
    (row.owner !== null && (node.owner ?? '').toLowerCase() !== row.owner.toLowerCase()) ||
    (row.provider !== null && (node.provider ?? null) !== row.provider) ||
    (row.monthlyCostUsd !== null && (node.monthlyCostUsd ?? null) !== row.monthlyCostUsd)
  );
}
