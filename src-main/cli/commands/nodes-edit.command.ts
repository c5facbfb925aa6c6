import { chmodSync, writeFileSync } from 'node:fs';
import { NodePatch } from '../../../src-shared/contract';
import { formatIssues } from '../../core/contract-server/dispatcher';
import { exportFleet, type ExportFormat } from '../../core/nodes/export/fleet-export';
import { stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { resolveDataDir, withServices } from '../context';

const dataDirOf = (args: ParsedArgs) => stringOption(args, 'data-dir');
const NUMBER_KEYS = new Set(['sshPort', 'apiPort', 'monthlyCostUsd']);
const ALIASES: Record<string, string> = { user: 'username', key: 'privateKeyPath', 'ssh-port': 'sshPort', 'api-port': 'apiPort', cost: 'monthlyCostUsd' };

/** `k=v` pairs into a patch: an empty value clears (null); tags are comma-separated. */
export function patchFromPairs(pairs: readonly string[]): NodePatch {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set wants key=value, got "${pair}"`);
    const key = ALIASES[pair.slice(0, eq)] ?? pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (key === 'tags') raw.tags = value === '' ? [] : value.split(',').map((t) => t.trim()).filter(Boolean);
    else if (NUMBER_KEYS.has(key)) raw[key] = value === '' && key === 'monthlyCostUsd' ? null : Number(value);
    else raw[key] = value === '' ? null : value;
  }
  const parsed = NodePatch.safeParse(raw);
  if (!parsed.success) throw new UsageError(formatIssues(parsed.error));
  return parsed.data;
}

const editCommand: CliCommand = {
  path: ['nodes', 'edit'],
  summary: 'change a node (name, host, ports, user, key, tags, owner, provider, cost)',
  help: `Usage: fluxdeck nodes edit NAME --set KEY=VALUE [--set KEY=VALUE ...]

Keys: name, host, sshPort, apiPort, username (user), privateKeyPath (key), tags (comma-separated),
owner, provider, monthlyCostUsd (cost). An empty value clears user, key, owner, provider or cost.`,
  options: { set: { type: 'string', multiple: true } },
  positionals: true,
  async run(args, io) {
    const [name, ...extra] = args.positionals;
    if (!name || extra.length) throw new UsageError('give exactly one node name');
    const pairs = (args.values.set as string[] | undefined) ?? [];
    if (pairs.length === 0) throw new UsageError('give at least one --set KEY=VALUE');
    const patch = patchFromPairs(pairs);
    const node = await withServices(resolveDataDir(dataDirOf(args), io), (services) => services.editor.update(services.nodes.resolve(name).id, patch));
    io.stdout(`Updated ${node.name} (${node.host}, API port ${node.apiPort})\n`);
    return 0;
  },
};

const exportCommand: CliCommand = {
  path: ['nodes', 'export'],
  summary: 'export the fleet as CSV, JSON or an Ansible inventory (no secrets)',
  help: `Usage: fluxdeck nodes export --format csv|json|ansible [--out FILE]

Writes every node's name, host, ports, user, key PATH, tags, owner, provider and cost. Key material,
passphrases and passwords are never exported. --out writes a file readable by you only (0600).
ansible: a YAML inventory with ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file
and groups tag_<tag> and owner_<owner>.`,
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'json';
    if (!['csv', 'json', 'ansible'].includes(format)) throw new UsageError('--format must be csv, json or ansible');
    const text = await withServices(resolveDataDir(dataDirOf(args), io), (services) => exportFleet(services.nodes.list(), format as ExportFormat));
    const out = stringOption(args, 'out');
    if (out) {
      writeFileSync(out, text, { mode: 0o600 });
      chmodSync(out, 0o600); // an existing file keeps its mode on write: tighten it too
      io.stdout(`Wrote ${out}\n`);
    } else io.stdout(text);
    return 0;
  },
};

export const nodesEditCommands: CliCommand[] = [editCommand, exportCommand];
