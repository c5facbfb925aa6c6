import { DEFAULT_API_PORT } from '../../../src-shared/inventory.schema';
import { FLUXOS_ROUTES, type FluxosRouteName } from '../fluxos/routes';
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
 * FluxOS (which only relays these RPCs), and what only FluxOS knows that changes every poll (its
 * apps), asked of FluxOS over the node's own loopback: asked only in the polls that need them (see
 * probe/cli-facts.ts), ahead of the system sections so the output cap still cuts only containers.
 */
export const FACT_SECTIONS = ['nodestatus', 'daemoninfo', 'benchstatus', 'benchmarks', 'appsinstalled', 'appsrunning', 'appsresources'] as const;
export type FactSection = (typeof FACT_SECTIONS)[number];

// stderr dropped: a daemon that is down or still loading prints only there, and then the poll
// asks FluxOS, which answers that case as it always has.
const CLI_COMMANDS = {
  nodestatus: 'flux-cli getfluxnodestatus 2>/dev/null',
  daemoninfo: 'flux-cli getinfo 2>/dev/null',
  benchstatus: 'fluxbench-cli getstatus 2>/dev/null',
  benchmarks: 'fluxbench-cli getbenchmarks 2>/dev/null',
} as const;

/** The fact sections FluxOS itself answers on the node's loopback: section → its route. */
export const LOOPBACK_ROUTES = {
  appsinstalled: 'installedApps',
  appsrunning: 'runningApps',
  appsresources: 'appsResources',
} as const satisfies Record<Exclude<FactSection, keyof typeof CLI_COMMANDS>, FluxosRouteName>;

/**
 * The cap on one loopback answer: a bigger one is refused by curl (no output, the poll asks FluxOS
 * from here instead) so it can never push the system sections past the exec's output cap.
 */
export const LOOPBACK_MAX_BYTES = 128 * 1024;

/**
 * FluxOS's own answer (its JSON envelope) from the node itself, on the port it listens on. `-f`:
 * an HTTP error prints nothing. The `echo` ends the body's line, which FluxOS leaves open, so the
 * next marker starts a line of its own.
 */
function loopbackCommand(apiPort: number, path: string): string {
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65_535) throw new RangeError('apiPort must be a TCP port');
  return `curl -sf -m 5 --max-filesize ${LOOPBACK_MAX_BYTES} http://127.0.0.1:${apiPort}${path} 2>/dev/null\necho`;
}

function factCommands(apiPort: number): Record<FactSection, string> {
  const loopback = Object.fromEntries(Object.entries(LOOPBACK_ROUTES).map(([name, route]) => [name, loopbackCommand(apiPort, FLUXOS_ROUTES[route].path)]));
  return { ...CLI_COMMANDS, ...loopback } as Record<FactSection, string>;
}

const PREFIX = '@@fluxdeck';
type ScriptSection = SectionName | FactSection;
// Splitting knows every section, whichever fact sections a poll's script carried (the commands
// play no part in splitting).
const ANY_SCRIPT = sectionedScript<ScriptSection>(PREFIX, [...FACT_SECTIONS, ...SECTION_NAMES], { ...factCommands(DEFAULT_API_PORT), ...PROBE_COMMANDS });
/** One script per FluxOS port and set of carried fact sections, built once. */
const scripts = new Map<string, SectionedScript<ScriptSection>>();

function scriptWith(facts: readonly FactSection[], apiPort: number): SectionedScript<ScriptSection> {
  const carried = FACT_SECTIONS.filter((name) => facts.includes(name));
  const key = `${apiPort}:${carried.join(',')}`;
  let script = scripts.get(key);
  if (!script) {
    script = sectionedScript<ScriptSection>(PREFIX, [...carried, ...SECTION_NAMES], { ...factCommands(apiPort), ...PROBE_COMMANDS });
    scripts.set(key, script);
  }
  return script;
}

/** A fresh nonce for one poll. */
export const newNonce = newScriptNonce;

/** The script text for one poll, with the fact sections this poll carries (FluxOS asked on `apiPort`). */
export function buildProbeScript(nonce: string, facts: readonly FactSection[], apiPort: number): string {
  return scriptWith(facts, apiPort).build(nonce);
}

/** The line a poll's script prints last. */
export function probeEndMarker(nonce: string): string {
  return ANY_SCRIPT.endMarker(nonce);
}

/** Splits (sanitised) output into sections; a section absent from the output is absent here. */
export function splitSections(output: string, nonce: string): SplitOutput<ScriptSection> {
  return ANY_SCRIPT.split(output, nonce);
}
