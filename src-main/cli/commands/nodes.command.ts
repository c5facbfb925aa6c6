import { readFile } from 'node:fs/promises';
import { AddNodeInput, type NodeRecord } from '../../../src-shared/contract';
import { AppError } from '../../core/errors';
import { InventoryImporter } from '../../core/nodes/inventory-import';
import { formatIssues } from '../../core/contract-server/dispatcher';
import { intOption, requiredOption, stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { resolveDataDir, withServices } from '../context';

const dataDirOf = (args: ParsedArgs) => stringOption(args, 'data-dir');

const addCommand: CliCommand = {
  path: ['nodes', 'add'],
  summary: 'register a node',
  help: `Usage: fluxdeck nodes add --name N --host H [--ssh-port P] [--api-port P] [--user U] [--key PATH] [--agent] [--tag T ...]

Registers a FluxNode. Without --key or --agent the node is watched through its FluxOS API only
(the only way for ArcaneOS nodes). With --key, FluxDeck also connects over SSH for system checks.
Host keys are pinned on the first connection.

Options:
  --name N        display name, unique (letters, digits, space . _ -)
  --host H        host name or IP address of the node
  --ssh-port P    SSH port (default 22)
  --api-port P    FluxOS API port (default 16127; UPnP nodes use 16137, 16147, ...)
  --user U        SSH user (default root when credentials are given)
  --key PATH      private key file for SSH (its passphrase is asked by the app, never stored in plain text)
  --agent         authenticate with the running ssh-agent (SSH_AUTH_SOCK)
  --tag T         a tag; repeat for several`,
  options: {
    name: { type: 'string' },
    host: { type: 'string' },
    'ssh-port': { type: 'string' },
    'api-port': { type: 'string' },
    user: { type: 'string' },
    key: { type: 'string' },
    agent: { type: 'boolean' },
    tag: { type: 'string', multiple: true },
  },
  async run(args, io) {
    const key = stringOption(args, 'key');
    if (key && args.values.agent) throw new UsageError('use either --key or --agent, not both');
    const credentials = key ? { kind: 'key-file' as const, path: key } : args.values.agent ? { kind: 'agent' as const } : { kind: 'none' as const };
    const parsed = AddNodeInput.safeParse({
      name: requiredOption(args, 'name'),
      host: requiredOption(args, 'host'),
      sshPort: intOption(args, 'ssh-port', 1, 65535),
      apiPort: intOption(args, 'api-port', 1, 65535),
      username: stringOption(args, 'user') ?? null,
      credentials,
      tags: (args.values.tag as string[] | undefined) ?? [],
    });
    if (!parsed.success) throw new UsageError(formatIssues(parsed.error));
    const node = await withServices(resolveDataDir(dataDirOf(args), io), (services) => services.nodes.add(parsed.data));
    io.stdout(`Added ${node.name} (${node.host}, API port ${node.apiPort}, id ${node.id})\n`);
    return 0;
  },
};

const listCommand: CliCommand = {
  path: ['nodes', 'list'],
  summary: 'list registered nodes',
  help: `Usage: fluxdeck nodes list [--json]

Lists registered nodes. --json prints {"nodes":[...]} for scripts.`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const nodes = await withServices(resolveDataDir(dataDirOf(args), io), (services) => services.nodes.list());
    if (args.values.json) io.stdout(`${JSON.stringify({ nodes }, null, 2)}\n`);
    else io.stdout(nodes.length ? `${table(nodes)}\n` : 'No nodes yet. Add one with `fluxdeck nodes add --name N --host H`.\n');
    return 0;
  },
};

const removeCommand: CliCommand = {
  path: ['nodes', 'remove'],
  summary: 'remove a node and its history',
  help: `Usage: fluxdeck nodes remove NAME

Removes the node called NAME (or with that numeric id), its history and its stored credentials.`,
  options: {},
  positionals: true,
  async run(args, io) {
    const [name, ...extra] = args.positionals;
    if (!name || extra.length) throw new UsageError('give exactly one node name');
    const removed = await withServices(resolveDataDir(dataDirOf(args), io), (services) =>
      services.nodes.remove(services.nodes.resolve(name).id),
    );
    io.stdout(`Removed ${removed.name}\n`);
    return 0;
  },
};

const importCommand: CliCommand = {
  path: ['nodes', 'import'],
  summary: 'register every node of an inventory file, pinning its host keys',
  help: `Usage: fluxdeck nodes import FILE [--json]

Registers the nodes listed in an inventory JSON file (the format \`fluxdeck sim --inventory\` writes;
see the README) in one transaction. Nodes whose name is already registered are skipped, so an import
can be repeated. Host keys given in the file are pinned; a key that conflicts with an existing pin is
left alone and counted. The file's publicApi, if any, becomes the public API FluxDeck asks for ranks
and the network height.`,
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    if (!file || extra.length) throw new UsageError('give exactly one inventory file');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new AppError('NOT_FOUND', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const inventory = InventoryImporter.parse(text);
    const report = await withServices(resolveDataDir(dataDirOf(args), io), (services) => services.importer.import(inventory));
    if (args.values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else {
      io.stdout(`Imported ${report.added.length} node(s), skipped ${report.skipped.length} already registered.\n`);
      io.stdout(`Host keys: ${report.hostKeys.imported} pinned, ${report.hostKeys.unchanged} unchanged, ${report.hostKeys.conflicts} conflicting (left as pinned).\n`);
    }
    return 0;
  },
};

function table(nodes: NodeRecord[]): string {
  const rows = [['NAME', 'HOST', 'API', 'SSH', 'AUTH', 'TAGS'], ...nodes.map((node) => [
    node.name,
    node.host,
    String(node.apiPort),
    node.auth.kind === 'none' ? '-' : `${node.username ?? ''}@:${node.sshPort}`,
    node.auth.kind,
    node.tags.join(','),
  ])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

export const nodesCommands: CliCommand[] = [addCommand, listCommand, removeCommand, importCommand];
