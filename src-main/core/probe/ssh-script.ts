import { newScriptNonce, sectionedScript, type SectionedScript, type SplitOutput } from '../ssh/sectioned-script';

/**
 * The one script a legacy node runs per poll. Plain POSIX sh with no pipes, variables or `$?`, so
 * the same text runs on a real Ubuntu node and in the simulator's shell. Sections and markers as in
 * `ssh/sectioned-script.ts`, with a fresh nonce per poll.
 *
 * pm2 is not asked: `pm2 jlist` prints every process's environment, which can hold secrets, and
 * FluxOS answering its API already shows that the `flux` process runs.
 */

/** systemd units asked with `systemctl is-active`, in output order (zelcash = legacy daemon unit). */
export const SSH_UNITS = ['zelcash', 'fluxd', 'fluxbenchd', 'mongod', 'docker'] as const;

// containers stays last: it is the one section that can be long, so the output cap cuts only it.
export const SECTION_NAMES = ['disk', 'memory', 'load', 'cores', 'arch', 'services', 'benchinfo', 'syncthing', 'docker', 'containers'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** The command of each section; the migration hardware check reuses those its parsers read. */
export const PROBE_COMMANDS: Readonly<Record<SectionName, string>> = {
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
const FACT_COMMANDS: Readonly<Record<FactSection, string>> = {
  nodestatus: 'flux-cli getfluxnodestatus 2>/dev/null',
  daemoninfo: 'flux-cli getinfo 2>/dev/null',
  benchstatus: 'fluxbench-cli getstatus 2>/dev/null',
  benchmarks: 'fluxbench-cli getbenchmarks 2>/dev/null',
};

const PREFIX = '@@fluxdeck';
const COMMANDS = { ...FACT_COMMANDS, ...PROBE_COMMANDS };
// Splitting knows every section, whichever fact sections a poll's script carried.
const ANY_SCRIPT = sectionedScript<SectionName | FactSection>(PREFIX, [...FACT_SECTIONS, ...SECTION_NAMES], COMMANDS);
/** One script per set of carried fact sections (at most 16), built once. */
const scripts = new Map<string, SectionedScript<SectionName | FactSection>>();

function scriptWith(facts: readonly FactSection[]): SectionedScript<SectionName | FactSection> {
  const carried = FACT_SECTIONS.filter((name) => facts.includes(name));
  const key = carried.join(',');
  let script = scripts.get(key);
  if (!script) scripts.set(key, (script = sectionedScript<SectionName | FactSection>(PREFIX, [...carried, ...SECTION_NAMES], COMMANDS)));
  return script;
}

/** A fresh nonce for one poll. */
export const newNonce = newScriptNonce;

/** The script text for one poll, with the fact sections this poll carries. */
export function buildProbeScript(nonce: string, facts: readonly FactSection[] = []): string {
  return scriptWith(facts).build(nonce);
}

/** Splits (sanitised) output into sections; a section absent from the output is absent here. */
export function splitSections(output: string, nonce: string): SplitOutput<SectionName | FactSection> {
  return ANY_SCRIPT.split(output, nonce);
}
