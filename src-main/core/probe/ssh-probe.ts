import type { LastParseMemo } from '../last-parse-memo';
import type { ExecOptions, ExecResult, SshTarget } from '../ssh/ssh-types';
import { sanitizeOutput } from '../safety/sanitize';
import { toProbeError } from './probe-error';
import type { SourceResult, SshFacts } from './probe-types';
import { CARRIED_SECTIONS, factSectionsFor, readCarried, type CarriedFacts, type CarriedSource } from './cli-facts';
import { buildProbeScript, newNonce, probeEndMarker, splitSections, type SectionName } from './ssh-script';
import {
  parseArch,
  parseBenchInfo,
  parseDockerVersion,
  parseSyncthingVersion,
  parseContainers,
  parseCores,
  parseDisk,
  parseLoad,
  parseMemory,
  parseServices,
  type SectionOutcome,
} from './ssh-sections';

/** The part of SshPool the probe uses. */
export interface SshExecutor {
  exec(target: SshTarget, command: string, options?: ExecOptions): Promise<ExecResult>;
}

export interface SshProbeOptions {
  /** Deadline for the whole exec. Default 15 s. */
  timeoutMs?: number;
  /** Output cap; past it the output is cut (the containers section comes last). Default 256 KiB. */
  maxOutputBytes?: number;
  now: () => number;
  /** Fixed nonce for tests; a fresh random one per poll otherwise. */
  nonce?: string;
  /** API facts to read from the node's CLIs in the same exec (probe/cli-facts.ts). */
  carry?: readonly CarriedSource[];
  /** The port FluxOS listens on, on the node: carried app sections ask it there. */
  apiPort: number;
  /** Skips re-reading a section that printed the same text as last poll. */
  memo?: { nodeId: number; memo: LastParseMemo<number> };
}

/** Runs the probe script once (in the connection's script shell) and parses it section by section. Never throws. */
export async function probeSsh(ssh: SshExecutor, target: SshTarget, options: SshProbeOptions): Promise<SourceResult<SshFacts>> {
  const nonce = options.nonce ?? newNonce();
  const maxOutputBytes = options.maxOutputBytes ?? 256 * 1024;
  let result: ExecResult;
  try {
    result = await ssh.exec(target, buildProbeScript(nonce, factSectionsFor(options.carry ?? []), options.apiPort), {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxOutputBytes,
      overflow: 'truncate',
      // Polled over and over: the connection's long-lived shell runs it, one packet each way.
      endMarker: probeEndMarker(nonce),
    });
  } catch (err) {
    return { ok: false, error: toProbeError(err, 'ssh'), at: options.now() };
  }
  const at = options.now();
  return parseProbeOutput(result.stdout, nonce, result.truncated, at, options);
}

/** Parses the script's stdout (sanitised here first) into per-section results. */
export function parseProbeOutput(
  stdout: string,
  nonce: string,
  truncated: boolean,
  at: number,
  options: Pick<SshProbeOptions, 'carry' | 'memo'> = {},
): SourceResult<SshFacts> {
  const clean = sanitizeOutput(stdout, { maxBytes: Number.MAX_SAFE_INTEGER });
  const { sections } = splitSections(clean, nonce);
  if (Object.keys(sections).length === 0) {
    return {
      ok: false,
      error: { code: 'BAD_RESPONSE', message: 'SSH output carried none of the expected sections', source: 'ssh' },
      at,
    };
  }
  const section = <T>(name: SectionName, parse: (text: string) => SectionOutcome<T>): SourceResult<T> => {
    const text = sections[name];
    if (text === undefined) {
      return {
        ok: false,
        error: {
          code: truncated ? 'OUTPUT_TOO_LARGE' : 'BAD_RESPONSE',
          message: truncated ? 'Cut off by the output size cap' : 'Section missing from the SSH output',
          source: `ssh:${name}`,
        },
        at,
      };
    }
    // A cut-off containers list is read with that in mind: only whole outputs are remembered.
    const memo = options.memo;
    const outcome = memo && !truncated ? memo.memo.read(memo.nodeId, name, text, () => parse(text)) : parse(text);
    return outcome.ok ? { ok: true, value: outcome.value, at, cached: false } : { ok: false, error: outcome.error, at };
  };
  return {
    ok: true,
    at,
    cached: false,
    value: {
      disk: section('disk', parseDisk),
      memory: section('memory', parseMemory),
      load1: section('load', parseLoad),
      cores: section('cores', parseCores),
      arch: section('arch', parseArch),
      services: section('services', parseServices),
      containers: section('containers', (t) => parseContainers(t, truncated)),
      benchVersion: section('benchinfo', parseBenchInfo),
      syncthingVersion: section('syncthing', parseSyncthingVersion),
      dockerVersion: section('docker', parseDockerVersion),
      truncated,
      ...(options.carry?.length ? { carried: carriedFacts(sections, options.carry, at, options.memo) } : {}),
    },
  };
}

function carriedFacts(sections: ReturnType<typeof splitSections>['sections'], carry: readonly CarriedSource[], at: number, memo: SshProbeOptions['memo']): CarriedFacts {
  const out: Record<string, SourceResult<unknown>> = {};
  for (const source of carry) out[source] = readCarried(source, sections[CARRIED_SECTIONS[source]], at, memo);
  return out;
}
