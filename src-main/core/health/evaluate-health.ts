import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import { apiUnreachable, type ProbeResult, type SourceResult } from '../probe/probe-types';
import type { ChainParams } from '../chain/chain-params';
import { blockTimeAt } from '../chain/subsidy';
import { benchmarkProblems, confirmationWindow, nodeStateProblems, syncProblems, systemProblems, versionProblems, type FactContext } from './fact-problems';
import type { HealthRules } from './health-rules';
import { fileMinimums, type NetworkVersions } from './minimum-versions';
import { ProblemSink, worstHealth } from './problem-sink';
import { apiSourceProblems, rankProblems, sshProblems } from './source-problems';
import { statusSections } from './status-view';

export interface HealthContext {
  /** Highest height known across the fleet and the public API (see {@link referenceHeightOf}); null when unknown. */
  referenceHeight: number | null;
  params: ChainParams;
  rules: HealthRules;
  /** ms since epoch. */
  now: number;
  /** Minimum versions (live or from the data file) and the newest FluxOS; the data file's by default. */
  versions?: NetworkVersions;
}

let defaultVersions: NetworkVersions | undefined;
function versionsOf(ctx: HealthContext): NetworkVersions {
  return ctx.versions ?? (defaultVersions ??= { minimums: fileMinimums(), latestFluxos: null });
}

function maxOf(values: ReadonlyArray<number | null | undefined>): number | null {
  let best: number | null = null;
  for (const v of values) if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && (best === null || v > best)) best = v;
  return best;
}

/**
 * Reference height: the highest of the public API's height and every node's daemon height (one node
 * far ahead would be a fork, which is rare enough to ignore for monitoring). Values that are not
 * positive safe integers are ignored; null when none is known.
 */
export function referenceHeightOf(heights: Iterable<number | null | undefined>): number | null {
  return maxOf([...heights]);
}

function safeBlockTime(params: ChainParams, height: number): number | null {
  try {
    return blockTimeAt(params, height);
  } catch {
    return null;
  }
}

/** Queue, maintenance window and sync figures, each null when an input is unknown. */
function timing(probe: ProbeResult, ctx: HealthContext, reference: number | null, status: NodeStatus['fluxnode']) {
  const daemonBlocks = probe.api.daemonInfo.ok ? probe.api.daemonInfo.value.blocks : null;
  const chainHeight = reference ?? daemonBlocks;
  const blockTime = chainHeight !== null ? safeBlockTime(ctx.params, chainHeight) : null;
  const blocksBehind = reference !== null && daemonBlocks !== null ? Math.max(0, reference - daemonBlocks) : null;
  let maintenanceWindowBlocks: number | null = null;
  let confirmInBlocks: number | null = null;
  let nextPaymentSeconds: number | null = null;
  if (status?.status === 'CONFIRMED' && chainHeight !== null) {
    // The same window CONFIRMATION_OVERDUE is judged by: the node may be down until expiry.
    const window = confirmationWindow(ctx.params, chainHeight, status.lastConfirmedHeight);
    if (window) {
      maintenanceWindowBlocks = window.expiresInBlocks;
      confirmInBlocks = window.confirmInBlocks;
    }
    if (status.rank !== null && blockTime !== null) nextPaymentSeconds = (status.rank + 1) * blockTime;
  }
  return {
    chainHeight,
    daemonBlocks,
    blocksBehind,
    confirmInBlocks,
    maintenanceWindowBlocks,
    maintenanceWindowSeconds: maintenanceWindowBlocks !== null && blockTime !== null ? maintenanceWindowBlocks * blockTime : null,
    nextPaymentSeconds,
  };
}

/**
 * Turns one probe into the node's status: every fact section, the problems found (severity and
 * explanation from the rules), and health = the worst severity, or `unreachable` when the API could
 * not be reached at all. Pure: same probe and context, same status.
 */
export function evaluateHealth(probe: ProbeResult, ctx: HealthContext): NodeStatus {
  const sections = statusSections(probe, ctx.now);
  const reference = maxOf([ctx.referenceHeight, probe.publicHeight?.ok ? probe.publicHeight.value : null]);
  const t = timing(probe, ctx, reference, sections.fluxnode);
  const sink = new ProblemSink(ctx.rules);
  const unreachable = apiUnreachable(probe.api);

  if (unreachable) {
    const first = (Object.values(probe.api) as SourceResult<unknown>[]).find((r) => !r.ok);
    const reason = first && !first.ok ? first.error.message : undefined;
    sink.add('UNREACHABLE', `FluxOS API at ${probe.host} did not answer${reason ? ` (${reason})` : ''}`);
  } else {
    apiSourceProblems(probe.api, sink);
    const facts: FactContext = { rules: ctx.rules, params: ctx.params, chainHeight: t.chainHeight, blocksBehind: t.blocksBehind };
    nodeStateProblems(probe, facts, sink);
    benchmarkProblems(probe, sink);
    versionProblems(probe, versionsOf(ctx), sink);
    syncProblems(facts, t.daemonBlocks, sink);
    rankProblems(probe, sink);
  }
  sshProblems(probe, sink);
  systemProblems(probe, ctx.rules, sink);

  const problems = sink.list();
  return {
    nodeId: probe.nodeId,
    name: probe.name,
    host: probe.host,
    tags: [...probe.tags],
    health: unreachable ? 'unreachable' : worstHealth(problems),
    problems,
    ...sections,
    referenceHeight: reference,
    blocksBehind: t.blocksBehind,
    confirmInBlocks: t.confirmInBlocks,
    maintenanceWindowBlocks: t.maintenanceWindowBlocks,
    maintenanceWindowSeconds: t.maintenanceWindowSeconds,
    nextPaymentSeconds: t.nextPaymentSeconds,
    lastPolledAt: probe.finishedAt,
    // Decided by the poller from the node's previous status (monitor/last-ok.ts), the one place.
    lastOkAt: null,
  };
}

