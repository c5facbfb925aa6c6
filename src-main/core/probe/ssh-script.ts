import { newScriptNonce, sectionedScript, type SplitOutput } from '../ssh/sectioned-script';

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

const PROBE_SCRIPT = sectionedScript('@@fluxdeck', SECTION_NAMES, PROBE_COMMANDS);

/** A fresh nonce for one poll. */
export const newNonce = newScriptNonce;

/** The script text for one poll. */
export function buildProbeScript(nonce: string): string {
  return PROBE_SCRIPT.build(nonce);
}

/** Splits (sanitised) output into sections; a section absent from the output is absent here. */
export function splitSections(output: string, nonce: string): SplitOutput<SectionName> {
  return PROBE_SCRIPT.split(output, nonce);
}
