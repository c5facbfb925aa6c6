import type { ApiFacts, ProbeError, ProbeResult, SourceResult, SshFacts } from '../probe/probe-types';
import type { ProblemCode } from './health-rules';
import type { ProblemSink } from './problem-sink';

/**
 * Problems from sources that failed: each failed API route, SSH connection or SSH section raises
 * one, so a missing fact never passes for a healthy one. Failures with the same code are grouped
 * into one problem whose message names every route or section.
 */

function describe(errors: readonly ProbeError[]): string {
  return errors
    .map((e) => `${e.source ?? 'unknown source'}: ${e.message}`)
    .join('; ');
}

function apiCode(error: ProbeError): ProblemCode {
  switch (error.code) {
    case 'UNREACHABLE':
    case 'TIMEOUT':
      return 'ROUTE_UNREACHABLE';
    case 'API_ERROR':
      return 'API_ERROR';
    default:
      return 'BAD_RESPONSE';
  }
}

/** API route failures when the API as a whole answered (a total outage is UNREACHABLE, raised elsewhere). */
export function apiSourceProblems(api: ApiFacts, sink: ProblemSink): void {
  const groups = new Map<ProblemCode, ProbeError[]>();
  for (const r of Object.values(api) as SourceResult<unknown>[]) {
    if (r.ok) continue;
    const code = apiCode(r.error);
    groups.set(code, [...(groups.get(code) ?? []), r.error]);
  }
  const order: ProblemCode[] = ['ROUTE_UNREACHABLE', 'API_ERROR', 'BAD_RESPONSE'];
  for (const code of order) {
    const errors = groups.get(code);
    if (!errors) continue;
    const what = code === 'API_ERROR' ? 'FluxOS answered with an error' : code === 'BAD_RESPONSE' ? 'Unreadable answer' : 'No answer';
    sink.add(code, `${what} from ${describe(errors)}`);
  }
  // The one fact that says whether the node earns: garbage there must not look merely degraded.
  // (A daemon error passed through, such as "Loading block index", stays API_ERROR: it is usually
  // a restart in progress.)
  const status = api.fluxnodeStatus;
  if (!status.ok && apiCode(status.error) === 'BAD_RESPONSE') {
    sink.add('NODE_STATUS_UNREADABLE', `The node status could not be read: ${status.error.message}`);
  }
}

/** The SSH connection's failure, mapped to the problem a user acts on. */
function sshConnectionCode(error: ProbeError): ProblemCode {
  const code = error.code === 'BACKOFF' ? (error.cause ?? 'UNREACHABLE') : error.code;
  switch (code) {
    case 'AUTH_FAILED':
    case 'HOST_KEY_MISMATCH':
    case 'HOST_KEY_UNKNOWN':
      return code;
    case 'BAD_RESPONSE':
    case 'OUTPUT_TOO_LARGE':
    case 'INTERNAL':
      return 'BAD_RESPONSE';
    default:
      return 'SSH_UNREACHABLE';
  }
}

function sshSectionProblems(facts: SshFacts, sink: ProblemSink): void {
  const sections = [facts.disk, facts.memory, facts.load1, facts.cores, facts.arch, facts.services, facts.containers] as SourceResult<unknown>[];
  const bad: ProbeError[] = [];
  const missing: ProbeError[] = [];
  for (const r of sections) {
    if (r.ok) continue;
    (r.error.code === 'UNAVAILABLE' ? missing : bad).push(r.error);
  }
  if (bad.length > 0) sink.add('BAD_RESPONSE', `Unreadable SSH output from ${describe(bad)}`);
  if (missing.length > 0) sink.add('SSH_UNAVAILABLE', `Not available over SSH: ${describe(missing)}`);
}

export function sshProblems(probe: ProbeResult, sink: ProblemSink): void {
  if (!probe.ssh.attempted) return;
  const r = probe.ssh.result;
  if (r.ok) {
    sshSectionProblems(r.value, sink);
    return;
  }
  const code = sshConnectionCode(r.error);
  const prefix = code === 'BAD_RESPONSE' ? 'Unreadable SSH output' : 'SSH';
  sink.add(code, `${prefix}: ${r.error.message}`);
}

export function rankProblems(probe: ProbeResult, sink: ProblemSink): void {
  if (probe.rank && !probe.rank.ok) sink.add('RANK_UNAVAILABLE', `Payment queue not read: ${probe.rank.error.message}`);
}
