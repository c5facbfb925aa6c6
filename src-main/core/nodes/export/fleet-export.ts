import type { NodeRecord } from '../../../../src-shared/contract';
import { csvCell } from '../../rewards/csv';

export type ExportFormat = 'csv' | 'json' | 'ansible';

/** What an export carries per node: connection facts and key PATHS; key material and secrets never. */
export interface ExportedNode {
  name: string;
  host: string;
  sshPort: number;
  apiPort: number;
  username: string | null;
  privateKeyPath: string | null;
  tags: string[];
  owner: string | null;
  provider: string | null;
  monthlyCostUsd: number | null;
}

export function toExported(node: NodeRecord): ExportedNode {
  return {
    name: node.name,
    host: node.host,
    sshPort: node.sshPort,
    apiPort: node.apiPort,
    username: node.username,
    privateKeyPath: node.auth.kind === 'key-file' ? node.auth.path : null,
    tags: node.tags,
    owner: node.owner ?? null,
    provider: node.provider ?? null,
    monthlyCostUsd: node.monthlyCostUsd ?? null,
  };
}

const COLUMNS = ['name', 'host', 'sshPort', 'apiPort', 'username', 'privateKeyPath', 'tags', 'owner', 'provider', 'monthlyCostUsd'] as const;

/** The same columns `nodes import` reads back (tags space-separated), formula-injection safe. */
export function fleetCsv(nodes: readonly ExportedNode[]): string {
  const lines = [COLUMNS.join(',')];
  for (const node of nodes) {
    lines.push(COLUMNS.map((c) => csvCell(c === 'tags' ? node.tags.join(' ') : node[c] === null ? '' : String(node[c]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function fleetJson(nodes: readonly ExportedNode[]): string {
  return `${JSON.stringify({ nodes }, null, 2)}\n`;
}

/** An Ansible group name: letters, digits and underscores, not starting with a digit. */
export function ansibleGroup(prefix: string, value: string): string {
  return `${prefix}_${value.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`.replace(/_+$/, '');
}

/** JSON strings are valid YAML scalars: every value is quoted, so no node string can become YAML syntax. */
const q = (value: string) => JSON.stringify(value);

/**
 * Ansible YAML inventory: all nodes under `all.hosts` (ansible_host/port/user and the key path),
 * one group per tag (`tag_<tag>`) and per owner (`owner_<owner>`).
 */
export function fleetAnsible(nodes: readonly ExportedNode[]): string {
  const lines = ['all:', '  hosts:'];
  for (const node of nodes) {
    lines.push(`    ${q(node.name)}:`, `      ansible_host: ${q(node.host)}`, `      ansible_port: ${node.sshPort}`);
    if (node.username) lines.push(`      ansible_user: ${q(node.username)}`);
    if (node.privateKeyPath) lines.push(`      ansible_ssh_private_key_file: ${q(node.privateKeyPath)}`);
    lines.push(`      fluxdeck_api_port: ${node.apiPort}`);
  }
  const groups = new Map<string, string[]>();
  for (const node of nodes) {
    const names = [...node.tags.map((t) => ansibleGroup('tag', t)), ...(node.owner ? [ansibleGroup('owner', node.owner)] : [])];
    for (const group of names) groups.set(group, [...(groups.get(group) ?? []), node.name]);
  }
  if (groups.size > 0) {
    lines.push('  children:');
    for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`    ${group}:`, '      hosts:', ...members.map((m) => `        ${q(m)}: {}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

export function exportFleet(nodes: readonly NodeRecord[], format: ExportFormat): string {
  const rows = nodes.map(toExported);
  return format === 'csv' ? fleetCsv(rows) : format === 'json' ? fleetJson(rows) : fleetAnsible(rows);
}
