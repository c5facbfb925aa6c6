import { runningAppsAt } from './apps-view';
import { grep, hardwareFile, mokutil, systemdDetectVirt, testCommand } from './hardware-commands';
import { loopbackCurl, NO_LOCAL_FLUXOS, type LocalFluxos } from './loopback-curl';
import type { RouteContext } from './node-api';
import type { SimNode } from './sim-node';
import { type CommandResult, type SimpleCommand, ShellSyntaxError, fail, ok, parseScript, runSteps } from './ssh-shell';
import { aptGet, git, pm2, systemctlAction, tail } from './ssh-maintenance';
import { formatDf, formatFree, formatUptime } from './system-format';
import { daemonInfoView, deterministicListView, fluxnodeStatusView, nodeCountView, txOutView, blockSubsidy } from './views';

/**
 * The commands a legacy FluxNode answers over SSH, printed the way the real binaries print them,
 * all derived from the node's state. Unknown commands exit 127 like a shell would.
 */

const notFound = (cmd: string): CommandResult => fail(`${cmd}: command not found\n`, 127);

/** bitcoin-cli style printing: strings raw, null nothing, everything else as 2-space JSON. */
function cliPrint(value: unknown): CommandResult {
  if (value === null || value === undefined) return ok('');
  if (typeof value === 'string') return ok(`${value}\n`);
  if (typeof value === 'number' || typeof value === 'boolean') return ok(`${String(value)}\n`);
  return ok(`${JSON.stringify(value, null, 2)}\n`);
}

const CONNECT_ERROR = 'error: couldn\'t connect to server: unknown (code -1)\n(make sure server is running and you are connecting to the correct server)\n';

function rpcError(code: number, message: string): CommandResult {
  return fail(`error code: ${code}\nerror message:\n${message}\n`);
}

function daemonRunning(node: SimNode): boolean {
  const s = node.state.services;
  const unit = node.state.isArcaneOS ? 'fluxd' : 'zelcash';
  return (s[unit] ?? 'active') === 'active';
}

function benchRunning(node: SimNode): boolean {
  return node.state.benchStatus['status'] === 'online';
}

function fluxCli(args: string[], node: SimNode, ctx: RouteContext): CommandResult {
  const rest = args.filter((a) => !a.startsWith('-'));
  const [method, ...params] = rest;
  if (!method) return fail('error: too few parameters (need at least command)\n');
  if (!daemonRunning(node)) return fail(CONNECT_ERROR);
  switch (method) {
    case 'getfluxnodestatus':
    case 'getzelnodestatus':
      return cliPrint(fluxnodeStatusView(node, ctx.chain));
    case 'getinfo':
      return cliPrint(daemonInfoView(node));
    case 'getblockcount':
      return cliPrint(node.state.blockCount);
    case 'getblocksubsidy':
      return cliPrint({ miner: blockSubsidy(params[0] && /^\d+$/.test(params[0]) ? Number(params[0]) : node.state.blockCount) });
    case 'getfluxnodecount':
    case 'getzelnodecount':
      return cliPrint(nodeCountView(ctx.chain, ctx.fluxnodeCount));
    case 'viewdeterministicfluxnodelist':
    case 'viewdeterministiczelnodelist':
      return cliPrint(deterministicListView(ctx.chain, params[0] ?? ''));
    case 'gettxout': {
      const [txid, n] = params;
      if (txid === undefined || n === undefined) return rpcError(-1, 'gettxout "txid" n ( includemempool )');
      if (!/^-?\d+$/.test(n)) return rpcError(-1, 'JSON value is not an integer as expected');
      return cliPrint(txOutView(node, txid, Number(n)));
    }
    case 'getbenchmarks':
      return benchRunning(node) ? cliPrint(JSON.stringify(node.state.benchmarks, null, 2)) : cliPrint('Benchmark not running');
    case 'getbenchstatus':
      return benchRunning(node) ? cliPrint(JSON.stringify(node.state.benchStatus, null, 2)) : cliPrint('Benchmark not running');
    case 'stopfluxbenchd':
    case 'stopzelbenchd':
      if (!benchRunning(node)) return cliPrint('Not running');
      node.state.benchStatus['status'] = 'offline';
      return cliPrint('Stopping process');
    case 'startfluxbenchd':
    case 'startzelbenchd':
      if (benchRunning(node)) return cliPrint('Already running');
      node.state.benchStatus['status'] = 'online';
      return cliPrint('Starting process');
    default:
      return rpcError(-32601, 'Method not found');
  }
}

function fluxbenchCli(args: string[], node: SimNode): CommandResult {
  const [method] = args.filter((a) => !a.startsWith('-'));
  if (!method) return fail('error: too few parameters\n');
  if (!benchRunning(node)) return fail(CONNECT_ERROR);
  switch (method) {
    case 'getbenchmarks':
      return cliPrint(node.state.benchmarks);
    case 'getstatus':
      return cliPrint(node.state.benchStatus);
    case 'getinfo':
      return cliPrint(node.state.benchInfo);
    default:
      return rpcError(-32601, 'Method not found');
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

function dockerPs(args: string[], node: SimNode, ctx: RouteContext): CommandResult {
  if ((node.state.services['docker'] ?? 'active') !== 'active') {
    return fail('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
  }
  let json = false;
  let nameFilter = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
    if (a === '--format' || a.startsWith('--format=')) {
      json = (value ?? '').replace(/\s/g, '') === '{{json.}}';
      if (!json) return fail(`template parsing error: only '{{json .}}' is simulated\n`);
      if (!a.includes('=')) i++;
    } else if (a === '--filter' || a === '-f' || a.startsWith('--filter=')) {
      const f = value ?? '';
      if (f.startsWith('name=')) nameFilter = f.slice(5);
      if (!a.includes('=')) i++;
    }
  }
  const rows = runningAppsAt(node, ctx.chain.height, ctx.chain.blockTime(ctx.chain.height))
    .map((c) => ({
      Command: `"${str(c['Command'])}"`,
      CreatedAt: new Date(Number(c['Created'] ?? 0) * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
      ID: str(c['Id']).slice(0, 12),
      Image: str(c['Image']),
      Labels: '',
      LocalVolumes: '1',
      Mounts: '',
      Names: (Array.isArray(c['Names']) ? c['Names'].map(str) : [str(c['Names'])]).map((n) => n.replace(/^\//, '')).join(','),
      Networks: 'bridge',
      Ports: Array.isArray(c['Ports'])
        ? c['Ports'].map((p: Record<string, unknown>) => `${str(p['IP'])}:${str(p['PublicPort'])}->${str(p['PrivatePort'])}/${str(p['Type'])}`).join(', ')
        : '',
      RunningFor: 'About an hour ago',
      Size: '0B',
      State: str(c['State']),
      Status: str(c['Status']),
    }))
    .filter((r) => !nameFilter || r.Names.includes(nameFilter));
  if (json) return ok(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const head = 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n';
  return ok(head + rows.map((r) => `${r.ID}   ${r.Image}   ${r.Command}   ${r.RunningFor}   ${r.Status}   ${r.Ports}   ${r.Names}\n`).join(''));
}

/** `docker version --format '{{.Server.Version}}'`: the engine version from the node's state. */
function dockerVersion(args: string[], node: SimNode): CommandResult {
  if ((node.state.services['docker'] ?? 'active') !== 'active') {
    return fail('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
  }
  const i = args.findIndex((a) => a === '--format' || a === '-f');
  const format = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--format='))?.slice(9);
  if ((format ?? '').replace(/\s/g, '') !== '{{.Server.Version}}') return fail(`template parsing error: only '{{.Server.Version}}' is simulated\n`);
  return ok(`${str(node.state.fluxInfo['dockerVersion'] ?? '28.1.1')}\n`);
}

/** `syncthing --version`, printed like syncthing 2.x does. */
function syncthing(args: string[], node: SimNode): CommandResult {
  if (args[0] !== '--version' && args[0] !== 'version') return fail('syncthing: only --version is simulated\n');
  const v = str(node.state.fluxInfo['syncthingVersion'] ?? '2.0.10');
  return ok(`syncthing v${v} "Hafnium Hornet" (go1.24.5 linux-amd64) builder@github.syncthing.net 2025-07-01 00:00:00 UTC [stnoupgrade]\n`);
}

function systemctl(args: string[], node: SimNode): CommandResult {
  const [verb, ...units] = args.filter((a) => !a.startsWith('-'));
  if (verb === 'restart' || verb === 'start' || verb === 'stop') return systemctlAction(verb, units, node);
  if (verb !== 'is-active') return fail(`simulated systemctl only answers is-active\n`);
  if (units.length === 0) return fail('Too few arguments.\n');
  let out = '';
  let allActive = true;
  for (const unit of units) {
    const state = node.state.services[unit.replace(/\.service$/, '')] ?? 'inactive';
    out += `${state}\n`;
    if (state !== 'active') allActive = false;
  }
  return { stdout: out, stderr: '', code: allActive ? 0 : 3 };
}

function cat(args: string[], node: SimNode): CommandResult {
  let out = '';
  for (const file of args) {
    if (file === '/proc/loadavg') out += `${node.state.system.load.map((l) => l.toFixed(2)).join(' ')} 1/412 ${1000 + node.index}\n`;
    else if (file === '/proc/uptime') out += `${node.state.systemUptime.toFixed(2)} ${(node.state.systemUptime * 3.1).toFixed(2)}\n`;
    else if (file === '/etc/hostname') out += `${node.state.system.hostname}\n`;
    else if (hardwareFile(file, node) !== undefined) out += hardwareFile(file, node)!;
    else return { stdout: out, stderr: `cat: ${file}: No such file or directory\n`, code: 1 };
  }
  return ok(out);
}

function uname(args: string[], node: SimNode): CommandResult {
  const sys = node.state.system;
  const flags = args.join('').replace(/-/g, '');
  if (flags === '' || flags === 's') return ok('Linux\n');
  if (flags === 'm') return ok(`${sys.arch}\n`);
  if (flags === 'n') return ok(`${sys.hostname}\n`);
  if (flags === 'r') return ok('6.8.0-60-generic\n');
  if (flags === 'a') return ok(`Linux ${sys.hostname} 6.8.0-60-generic #63-Ubuntu SMP PREEMPT_DYNAMIC x86_64 ${sys.arch} x86_64 GNU/Linux\n`);
  return fail(`uname: invalid option -- '${flags[0]}'\n`);
}

const KNOWN_BINARIES = new Set([
  'syncthing', 'flux-cli', 'zelcash-cli', 'fluxbench-cli', 'zelbench-cli', 'docker', 'systemctl', 'df', 'free', 'uptime', 'cat', 'nproc', 'uname',
  'hostname', 'echo', 'true', 'false', 'test', 'mokutil', 'systemd-detect-virt', 'grep', 'tail', 'pm2', 'git', 'apt-get', 'cd', 'curl',
]);
/** What ArcaneOS's restricted operator shell does not offer (flux-facts §2.7). */
const RESTRICTED = new Set(['flux-cli', 'zelcash-cli', 'fluxbench-cli', 'zelbench-cli', 'docker', 'systemctl', 'pm2', 'git', 'apt-get', 'tail']);

function runOne(cmd: SimpleCommand, node: SimNode, ctx: RouteContext, local: LocalFluxos): CommandResult {
  const override = node.sshOverrides[cmd.text];
  if (override !== undefined) return ok(override);
  let argv = cmd.argv;
  while (argv[0] === 'sudo' || (argv[0] === 'command' && argv[1] !== '-v')) argv = argv.slice(1);
  const [name = '', ...args] = argv;
  if (!name) return ok('');
  const bin = name.replace(/^\/usr\/(local\/)?s?bin\//, '').replace(/^\/s?bin\//, '');
  if (node.state.sshShell === 'restricted' && RESTRICTED.has(bin)) return notFound(name);
  switch (bin) {
    case 'flux-cli':
    case 'zelcash-cli':
      return fluxCli(args, node, ctx);
    case 'fluxbench-cli':
    case 'zelbench-cli':
      return fluxbenchCli(args, node);
    case 'docker':
      if (args[0] === 'version') return dockerVersion(args.slice(1), node);
      return args[0] === 'ps' ? dockerPs(args.slice(1), node, ctx) : fail(`docker: '${args[0] ?? ''}' is not simulated\n`);
    case 'syncthing':
      return syncthing(args, node);
    case 'systemctl':
      return systemctl(args, node);
    case 'df':
      return formatDf(args, node.state.system);
    case 'free':
      return formatFree(args, node.state.system);
    case 'uptime':
      return ok(formatUptime(node.state.systemUptime, node.state.system.load));
    case 'cat':
      return cat(args, node);
    case 'nproc':
      return ok(`${node.state.system.cpus}\n`);
    case 'uname':
      return uname(args, node);
    case 'hostname':
      return ok(`${node.state.system.hostname}\n`);
    case 'echo': {
      const noNewline = args[0] === '-n';
      return ok(`${(noNewline ? args.slice(1) : args).join(' ')}${noNewline ? '' : '\n'}`);
    }
    case 'test':
    case '[':
      return testCommand(args, node);
    case 'mokutil':
      return mokutil(args, node);
    case 'systemd-detect-virt':
      return systemdDetectVirt(node);
    case 'grep':
      return grep(args, (file) => {
        const r = cat([file], node);
        return r.code === 0 ? r.stdout : undefined;
      });
    case 'tail':
      return tail(args, node);
    case 'pm2':
      return pm2(args);
    case 'git':
      return git(args);
    case 'apt-get':
      return aptGet(args);
    case 'cd':
      return args[0] === '~/zelflux' ? ok('') : fail(`sh: cd: ${args[0] ?? ''}: No such file or directory\n`, 2);
    case 'fuser':
      return ok('');
    case 'curl':
      return loopbackCurl(args, node, ctx, local);
    case 'true':
      return ok('');
    case 'false':
      return { stdout: '', stderr: '', code: 1 };
    case 'command':
    case 'which': {
      const target = args.filter((a) => !a.startsWith('-'))[0] ?? '';
      const known = KNOWN_BINARIES.has(target) && !(node.state.sshShell === 'restricted' && RESTRICTED.has(target));
      return known ? ok(`/usr/${target.endsWith('-cli') ? 'local/' : ''}bin/${target}\n`) : { stdout: '', stderr: '', code: 1 };
    }
    default:
      return notFound(name);
  }
}

/** Runs an exec request's command line against `node`, as `sh -c` would. */
export function runCommandLine(line: string, node: SimNode, ctx: RouteContext, local: LocalFluxos = NO_LOCAL_FLUXOS): CommandResult {
  const whole = node.sshOverrides[line.trim()];
  if (whole !== undefined) return ok(whole);
  try {
    return runSteps(parseScript(line), (cmd) => runOne(cmd, node, ctx, local));
  } catch (error) {
    if (error instanceof ShellSyntaxError) return fail(`sh: ${error.message}\n`, 2);
    throw error;
  }
}
