import { randomBytes } from 'node:crypto';

/**
 * The one script a legacy node runs per poll. Plain POSIX sh with no pipes, variables or `$?`, so
 * the same text runs on a real Ubuntu node and in the simulator's shell. Each command's output sits
 * between marker lines carrying a per-poll random nonce, so nothing a node prints (a container
 * name, say) can forge a section boundary.
 *
 * pm2 is not asked: `pm2 jlist` prints every process's environment, which can hold secrets, and
 * FluxOS answering its API already shows that the `flux` process runs.
 */

/** systemd units asked with `systemctl is-active`, in output order (zelcash = legacy daemon unit). */
export const SSH_UNITS = ['zelcash', 'fluxd', 'fluxbenchd', 'mongod', 'docker'] as const;

// containers stays last: it is the one section that can be long, so the output cap cuts only it.
export const SECTION_NAMES = ['disk', 'memory', 'load', 'cores', 'arch', 'services', 'benchinfo', 'syncthing', 'docker', 'containers'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const COMMANDS: Record<SectionName, string> = {
  disk: 'df -P -B1 / 2>/dev/null',
  memory: 'free -b 2>/dev/null',
  load: 'cat /proc/loadavg 2>/dev/null',
  cores: 'nproc 2>/dev/null',
  arch: 'uname -m 2>/dev/null',
  services: `systemctl is-active ${SSH_UNITS.join(' ')} 2>/dev/null`,
  // The versions FluxOS holds against its minimums: fluxbench's daemon version (the one
  // checkFluxbenchVersionAllowed reads), Syncthing and the Docker engine.
  benchinfo: 'fluxbench-cli getinfo 2>/dev/null',
  syncthing: 'syncthing --version 2>/dev/null',
  docker: "docker version --format '{{.Server.Version}}' 2>/dev/null",
  // stderr kept: it tells "docker is down" apart from "no containers".
  containers: "docker ps --format '{{json .}}' 2>&1",
};

/**
 * What fluxd and fluxbench answer locally, carried in the same exec instead of asked through
 * FluxOS (which only relays these RPCs): asked only in the polls that need them (see
 * probe/cli-facts.ts), ahead of the system sections so the output cap still cuts only containers.
 */
export const FACT_SECTIONS = ['nodestatus', 'daemoninfo', 'benchstatus', 'benchmarks'] as const;
export type FactSection = (typeof FACT_SECTIONS)[number];

// stderr dropped: a daemon that is down or still loading prints only there, and then the poll
// asks FluxOS, which answers that case as it always has.
const FACT_COMMANDS: Record<FactSection, string> = {
  nodestatus: 'flux-cli getfluxnodestatus 2>/dev/null',
  daemoninfo: 'flux-cli getinfo 2>/dev/null',
  benchstatus: 'fluxbench-cli getstatus 2>/dev/null',
  benchmarks: 'fluxbench-cli getbenchmarks 2>/dev/null',
};

const PREFIX = '@@fluxdeck';

/** A fresh nonce for one poll. */
export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

function marker(nonce: string, name: string): string {
  return `${PREFIX}:${nonce}:${name}`;
}

/** The script text for one poll, with the fact sections this poll carries. */
export function buildProbeScript(nonce: string, facts: readonly FactSection[] = []): string {
  if (!/^[0-9a-f]{8,32}$/.test(nonce)) throw new RangeError('nonce must be 8-32 lowercase hex characters');
  const lines: string[] = [];
  for (const name of FACT_SECTIONS) {
    if (facts.includes(name)) lines.push(`echo ${marker(nonce, name)}`, FACT_COMMANDS[name]);
  }
  for (const name of SECTION_NAMES) {
    lines.push(`echo ${marker(nonce, name)}`, COMMANDS[name]);
  }
  lines.push(`echo ${marker(nonce, 'end')}`);
  return lines.join('\n');
}

/** Splits (sanitised) output into sections; a section absent from the output is absent here. */
export interface SplitOutput {
  sections: Partial<Record<SectionName | FactSection, string>>;
  /** The closing marker was seen: the script ran to the end. */
  complete: boolean;
}

export function splitSections(output: string, nonce: string): SplitOutput {
  const sections: SplitOutput['sections'] = {};
  const known = new Map<string, SectionName | FactSection | 'end'>([...SECTION_NAMES, ...FACT_SECTIONS].map((n) => [marker(nonce, n), n]));
  known.set(marker(nonce, 'end'), 'end');
  let current: SectionName | FactSection | undefined;
  let buffer: string[] = [];
  let complete = false;
  const flush = (): void => {
    if (current !== undefined && sections[current] === undefined) sections[current] = buffer.join('\n');
    buffer = [];
  };
  for (const line of output.split('\n')) {
    const hit = known.get(line.trim());
    if (hit === undefined) {
      if (current !== undefined) buffer.push(line);
      continue;
    }
    flush();
    if (hit === 'end') {
      complete = true;
      current = undefined;
      break;
    }
    current = hit;
  }
  flush();
  return { sections, complete };
}
