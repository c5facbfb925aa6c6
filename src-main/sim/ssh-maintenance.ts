import type { SimNode } from './sim-node';
import { fail, ok, type CommandResult } from './ssh-shell';

/**
 * The maintenance commands FluxDeck's action catalogue sends (resources/actions/maintenance.json),
 * answered the way the real tools answer: systemctl silent on success, pm2 its table line,
 * apt-get and git their summaries, tail the last lines of a synthetic log.
 */


const LOGS: Record<string, (node: SimNode, i: number) => string> = {
  '.flux/debug.log': (node, i) =>
    `2026-12-01 21:${String(i % 60).padStart(2, '0')}:00 UpdateTip: new best=000000000${(node.state.blockCount - 1000 + i).toString(16)} height=${node.state.blockCount - 1000 + i} version=0x20000000 log2_work=62.1 tx=1 cache=0.1MiB(1txo)`,
  '.fluxbenchmark/debug.log': (_node, i) => `2026-12-01 21:${String(i % 60).padStart(2, '0')}:10 Benchmark check: status online, flux connected (${i})`,
  'zelflux/error.log': (_node, i) =>
    // Real FluxOS logs carry colour codes; one line in ten keeps them so the viewer's stripping shows.
    i % 10 === 0 ? `\u001b[31m2026-12-01T21:00:${String(i % 60).padStart(2, '0')}Z ERROR peer 203.0.113.${i % 250} timed out\u001b[0m` : `2026-12-01T21:00:${String(i % 60).padStart(2, '0')}Z WARN explorer lagging by ${i % 7} blocks`,
};

/** `tail -n N FILE` over the synthetic logs (2,000 lines each). */
export function tail(args: string[], node: SimNode): CommandResult {
  let count = 10;
  let file = '';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') count = Number(args[++i]);
    else file = args[i]!;
  }
  if (!Number.isInteger(count) || count < 0) return fail(`tail: invalid number of lines: '${String(args[args.indexOf('-n') + 1])}'\n`);
  const key = Object.keys(LOGS).find((suffix) => file.endsWith(`/${suffix}`));
  if (!key) return fail(`tail: cannot open '${file}' for reading: No such file or directory\n`);
  const total = 2000;
  const lines: string[] = [];
  for (let i = Math.max(0, total - count); i < total; i++) lines.push(LOGS[key]!(node, i));
  return ok(lines.length ? `${lines.join('\n')}\n` : '');
}

/** `systemctl restart|start|stop|is-active UNIT…`; restarting or starting makes a unit active. */
export function systemctlAction(verb: string, units: string[], node: SimNode): CommandResult {
  if (units.length === 0) return fail('Too few arguments.\n');
  for (const unit of units) {
    const name = unit.replace(/\.service$/, '');
    if (!(name in node.state.services) && !['zelcash', 'mongod', 'docker', 'fluxd'].includes(name)) {
      return fail(`Failed to ${verb} ${unit}.service: Unit ${name}.service not found.\n`, 5);
    }
    node.state.services[name] = verb === 'stop' ? 'inactive' : 'active';
  }
  return ok('');
}

const PM2_PROCESSES = ['flux', 'watchdog'];

/** `pm2 restart|start|stop NAME`: pm2's action line and the process row. */
export function pm2(args: string[]): CommandResult {
  const [verb, name] = args.filter((a) => !a.startsWith('-'));
  if (!verb || !name || !['restart', 'start', 'stop'].includes(verb)) return fail('[PM2][ERROR] Command not simulated\n');
  if (!PM2_PROCESSES.includes(name)) return fail(`[PM2][ERROR] Process or Namespace ${name} not found\n`);
  const id = PM2_PROCESSES.indexOf(name);
  const status = verb === 'stop' ? 'stopped' : 'online';
  const label = verb === 'restart' ? 'restartProcessId' : verb === 'start' ? 'startProcessId' : 'stopProcessId';
  return ok(`Use --update-env to update environment variables\n[PM2] Applying action ${label} on app [${name}](ids: [ ${id} ])\n[PM2] [${name}](${id}) ✓\n│ ${id}  │ ${name.padEnd(9)} │ fork │ ${status} │\n`);
}

/** `git checkout .`, `git fetch`, `git pull -p` in the FluxOS checkout. */
export function git(args: string[]): CommandResult {
  switch (args[0]) {
    case 'checkout':
      return { stdout: '', stderr: 'Updated 0 paths from the index\n', code: 0 };
    case 'fetch':
      return ok('');
    case 'pull':
      return ok('Already up to date.\n');
    default:
      return fail(`git: '${args[0] ?? ''}' is not simulated\n`);
  }
}

/** `apt-get update` and `apt-get install PKG -y`. */
export function aptGet(args: string[]): CommandResult {
  if (args[0] === 'update') return ok('Hit:1 https://apt.runonflux.io focal InRelease\nReading package lists... Done\n');
  if (args[0] === 'install') {
    const pkg = args.slice(1).find((a) => !a.startsWith('-')) ?? '';
    return ok(`Reading package lists... Done\nBuilding dependency tree... Done\n${pkg} is already the newest version.\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
  }
  return fail('E: Invalid operation\n', 100);
}
