import type { FluxTier } from '../../../src-shared/fluxos.types';
import type { ProbeResult } from '../probe/probe-types';
import { eraValueAt, type ChainParams } from '../chain/chain-params';
import type { HealthRules } from './health-rules';
import type { ProblemSink } from './problem-sink';
import { isBelow } from './semver';

/** Problems read from facts the node did report (state, benchmark, versions, sync, disk, services). */

export interface FactContext {
  rules: HealthRules;
  params: ChainParams;
  /** Best known chain height (reference, else the node's own); null when unknown. */
  chainHeight: number | null;
  blocksBehind: number | null;
}

const TIER_ORDER: Record<FluxTier, number> = { CUMULUS: 0, NIMBUS: 1, STRATUS: 2 };
const TIER_NAMES = new Set(['CUMULUS', 'NIMBUS', 'STRATUS']);

function era(ctx: FactContext, key: keyof ChainParams['nodeTiming']): number | null {
  return ctx.chainHeight === null ? null : eraValueAt(ctx.params, ctx.params.nodeTiming[key], ctx.chainHeight);
}

export function nodeStateProblems(probe: ProbeResult, ctx: FactContext, sink: ProblemSink): void {
  const r = probe.api.fluxnodeStatus;
  if (!r.ok) return;
  const s = r.value;
  const h = ctx.chainHeight;
  const added = s.addedHeight !== null && s.addedHeight > 0 ? s.addedHeight : null;
  switch (s.status) {
    case 'EXPIRED':
    case 'OFFLINE':
      sink.add('NODE_EXPIRED', `fluxd reports the node as ${s.status === 'EXPIRED' ? 'expired' : 'OFFLINE'}`);
      return;
    case 'DOS': {
      const window = era(ctx, 'dosRemoveBlocks');
      const left = h !== null && added !== null && window !== null ? Math.max(0, window - (h - added)) : null;
      sink.add('NODE_DOS', `The node is in the DOS list${left !== null ? `; it can be started again in about ${left} blocks` : ''}`);
      return;
    }
    case 'STARTED': {
      const window = era(ctx, 'startTxExpirationBlocks');
      const left = h !== null && added !== null && window !== null ? window - (h - added) : null;
      sink.add(
        'NODE_STARTED',
        `Started and waiting for its first confirmation${left !== null ? ` (${Math.max(0, left)} blocks left before it moves to the DOS list)` : ''}`,
      );
      return;
    }
    case 'CONFIRMED': {
      const last = s.lastConfirmedHeight;
      const expiry = era(ctx, 'confirmExpirationBlocks');
      if (h === null || last === null || last <= 0 || expiry === null) return;
      const since = h - last;
      const threshold = Math.round(expiry * ctx.rules.thresholds.confirmationOverdueFraction);
      if (since > threshold) {
        sink.add(
          'CONFIRMATION_OVERDUE',
          `Last confirmed ${since} blocks ago (height ${last}); it expires at ${expiry} blocks without a confirmation`,
        );
      }
    }
  }
}

export function benchmarkProblems(probe: ProbeResult, sink: ProblemSink): void {
  const b = probe.api.benchmarks;
  const st = probe.api.benchStatus;
  const status = b.ok ? b.value.status : st.ok ? st.value.benchmarking : null;
  if (status !== null) {
    const upper = status.toUpperCase();
    if (upper === 'RUNNING') {
      sink.add('BENCHMARK_RUNNING', 'fluxbench is running its benchmarks');
    } else if (!TIER_NAMES.has(upper)) {
      const error = b.ok && b.value.error ? `: ${b.value.error}` : '';
      sink.add('BENCHMARK_FAILED', `Benchmark status is "${status}"${error}`);
    } else {
      const node = probe.api.fluxnodeStatus;
      const collateralTier = node.ok ? node.value.tier : null;
      const benchTier = upper as FluxTier;
      if (collateralTier && TIER_ORDER[benchTier] < TIER_ORDER[collateralTier]) {
        sink.add('BENCHMARK_BELOW_TIER', `The hardware benchmarked as ${benchTier} but the collateral is ${collateralTier}`);
      }
    }
  }
  if (st.ok && st.value.flux !== null && st.value.flux.toLowerCase() === 'disconnected') {
    sink.add('BENCH_DISCONNECTED', 'fluxbench reports FluxOS as disconnected');
  }
}

export function versionProblems(probe: ProbeResult, rules: HealthRules, sink: ProblemSink): void {
  const min = rules.minimumVersions;
  const fluxos = probe.api.fluxVersion;
  if (fluxos.ok && isBelow(fluxos.value, min.fluxos)) {
    sink.add('FLUXOS_OUTDATED', `FluxOS ${fluxos.value} is older than the minimum ${min.fluxos}`);
  }
  const bench = probe.api.benchmarks;
  const benchVersion = bench.ok ? bench.value.benchVersion : null;
  if (benchVersion !== null && isBelow(benchVersion, min.fluxbench)) {
    sink.add('BENCH_OUTDATED', `fluxbench ${benchVersion} is older than the minimum ${min.fluxbench}`);
  }
}

export function syncProblems(ctx: FactContext, daemonBlocks: number | null, sink: ProblemSink): void {
  if (ctx.blocksBehind !== null && daemonBlocks !== null && ctx.blocksBehind >= ctx.rules.thresholds.daemonBehindBlocks) {
    sink.add('DAEMON_BEHIND', `fluxd is at height ${daemonBlocks}, ${ctx.blocksBehind} blocks behind the network (${ctx.chainHeight ?? '?'})`);
  }
}

export function systemProblems(probe: ProbeResult, rules: HealthRules, sink: ProblemSink): void {
  if (!probe.ssh.attempted || !probe.ssh.result.ok) return;
  const f = probe.ssh.result.value;
  if (f.disk.ok && f.disk.value.totalBytes > 0) {
    const pct = (f.disk.value.availableBytes / f.disk.value.totalBytes) * 100;
    if (pct < rules.thresholds.diskFreeMinPercent) {
      const gib = (f.disk.value.availableBytes / 1024 ** 3).toFixed(1);
      sink.add('DISK_LOW', `Only ${pct.toFixed(1)} % (${gib} GiB) free on ${f.disk.value.mount}`);
    }
  }
  if (f.services.ok) {
    const states = f.services.value;
    const down: string[] = [];
    for (const group of rules.requiredServices) {
      const known = group.anyOf.filter((unit) => states[unit] !== undefined);
      if (known.length === 0) continue;
      if (!known.some((unit) => states[unit] === 'active')) {
        down.push(known.map((unit) => `${unit} ${states[unit]}`).join(', '));
      }
    }
    if (down.length > 0) sink.add('SERVICE_DOWN', `Required service not active: ${down.join('; ')}`);
  }
}
