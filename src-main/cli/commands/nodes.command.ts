import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AddNodeInput, ImportFormat, type ImportPlan, type ImportResult, type ImportRow, type NodeRecord } from '../../../src-shared/contract';
import { AppError } from '../../core/errors';
import { formatIssues } from '../../core/contract-server/dispatcher';
import { intOption, requiredOption, stringOption, UsageError, type CliCommand, type CliIO, type ParsedArgs } from '../command';
import { nodesDiscoverCommands } from './nodes-discover.command';
import { nodesEditCommands } from './nodes-edit.command';
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

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('NOT_FOUND', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function printPlan(plan: ImportPlan, io: CliIO, committed: boolean): void {
  const verb = committed ? ['Added', 'Updated', 'Skipped'] : ['Would add', 'Would update', 'Would skip'];
  io.stdout(`${verb[0]} ${plan.add.length}, ${verb[1]!.toLowerCase()} ${plan.update.length}, ${verb[2]!.toLowerCase()} ${plan.skip.length} (${plan.format}).\n`);
  for (const row of plan.add) io.stdout(`  + ${row.name}  ${row.host}\n`);
  for (const row of plan.update) io.stdout(`  ~ ${row.name}  ${row.host}\n`);
  for (const row of plan.skip) io.stdout(`  - ${row.name}: ${row.reason}\n`);
  if (plan.hostKeys.pins.length || plan.hostKeys.revoked.length) io.stdout(`Host keys: ${plan.hostKeys.pins.length} to pin, ${plan.hostKeys.revoked.length} revoked.\n`);
  for (const note of plan.notes) io.stdout(`Note: ${note}\n`);
}

async function runImport(args: ParsedArgs, io: CliIO, forced?: ImportFormat): Promise<number> {
  const [given, ...extra] = args.positionals;
  const formatText = forced ?? stringOption(args, 'format');
  const format = formatText === undefined ? undefined : ImportFormat.safeParse(formatText);
  if (format && !format.success) throw new UsageError('--format must be inventory, ssh-config, csv or known-hosts');
  // An ssh config has a home (~/.ssh/config, as ssh reads it); no other format does.
  const home = io.env.HOME || os.homedir();
  const file = given ?? (format?.data === 'ssh-config' ? path.join(home, '.ssh', 'config') : undefined);
  if (!file || extra.length) throw new UsageError('give exactly one file (only --format ssh-config has a default: ~/.ssh/config)');
  const text = await readText(file);
  const knownHostsFile = stringOption(args, 'known-hosts');
  const request = {
    text,
    format: format?.data,
    setPublicApi: Boolean(args.values['set-public-api']),
    sshConfig: { file: path.resolve(file), ...(given ? {} : { homeDir: home }), ...(knownHostsFile ? { knownHosts: await readText(knownHostsFile) } : {}) },
  };
  const result: ImportPlan | ImportResult = await withServices(resolveDataDir(dataDirOf(args), io), (services) =>
    args.values['dry-run'] ? services.importer.pipeline.preview(request) : services.importer.pipeline.commit(request),
  );
  if (args.values.json) {
    const { add, update, skip, ...rest } = result;
    io.stdout(`${JSON.stringify({ add: add.map(jsonRow), update: update.map(jsonRow), skip, ...rest }, null, 2)}\n`);
  } else {
    printPlan(result, io, !args.values['dry-run']);
    if (isResult(result)) {
      const keys = result.hostKeysApplied;
      io.stdout(`Host keys: ${keys.imported} pinned, ${keys.unchanged} unchanged, ${keys.conflicts} conflicting (left as pinned), ${keys.revoked} revoked.\n`);
      if (result.publicApiApplied) io.stdout(`Public API set to ${result.publicApi}\n`);
      else if (result.publicApi) io.stdout(`The file names a public API (${result.publicApi}); it was not applied (use --set-public-api).\n`);
    }
  }
  return 0;
}

function isResult(value: ImportPlan | ImportResult): value is ImportResult {
  return 'hostKeysApplied' in value;
}

/** The issue's row shape first; owner, provider and cost only when the file gave them. */
function jsonRow(row: ImportRow): Record<string, unknown> {
  const { owner, provider, monthlyCostUsd, ...base } = row;
  return { ...base, ...(owner !== null ? { owner } : {}), ...(provider !== null ? { provider } : {}), ...(monthlyCostUsd !== null ? { monthlyCostUsd } : {}) };
}

const importCommand: CliCommand = {
  path: ['nodes', 'import'],
  summary: 'import nodes from an inventory, ssh config, CSV or known_hosts file',
  help: `Usage: fluxdeck nodes import FILE [--format inventory|ssh-config|csv|known-hosts] [--dry-run] [--json]
       fluxdeck nodes import --format ssh-config [...]     (FILE defaults to ~/.ssh/config)
                            [--known-hosts FILE] [--set-public-api]

Imports nodes in ONE transaction: nothing is half-imported. The format is guessed from the content
unless --format is given. --dry-run prints what would happen (rows to add, update and skip, and why)
and writes nothing. --json prints {"add":[...],"update":[...],"skip":[{"name","reason"}],...}.

  inventory    FluxDeck's JSON ({"publicApi", "nodes": [...]}, what \`fluxdeck sim\` writes)
  ssh-config   an OpenSSH client config: every concrete Host, resolved as \`ssh -G\` does (Include,
               wildcards, first value wins); Match blocks are reported as skipped. Pins come from
               ~/.ssh/known_hosts (or --known-hosts FILE).
  csv          header name,host,sshPort,apiPort,username,privateKeyPath,tags,owner,provider,
               monthlyCostUsd in any order; "," or ";" separated; unknown columns are reported
  known-hosts  pins for registered nodes; @revoked keys are refused from then on

A name already registered is updated when the file changes it (empty cells keep the node's value),
else skipped. The file's public-API URL is applied only with --set-public-api, and only over https
(http only on this computer).`,
  options: { json: { type: 'boolean' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'known-hosts': { type: 'string' }, 'set-public-api': { type: 'boolean' } },
  positionals: true,
  run: (args, io) => runImport(args, io),
};

const importKnownHostsCommand: CliCommand = {
  path: ['nodes', 'import-known-hosts'],
  summary: 'pin registered nodes\' host keys from an OpenSSH known_hosts file',
  help: `Usage: fluxdeck nodes import-known-hosts FILE [--dry-run] [--json]

Pins the host keys a known_hosts file lists for registered nodes (plain and hashed names,
[host]:port). @revoked keys are refused from then on, even if pinned; @cert-authority lines are
reported as not supported. Same as \`nodes import FILE --format known-hosts\`.`,
  options: { json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  positionals: true,
  run: (args, io) => runImport(args, io, 'known-hosts'),
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

export const nodesCommands: CliCommand[] = [addCommand, listCommand, removeCommand, importCommand, importKnownHostsCommand, ...nodesEditCommands, ...nodesDiscoverCommands];
