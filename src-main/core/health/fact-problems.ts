import type { FluxTier } from '../../../src-shared/fluxos.types';
import type { ProbeResult, SourceResult } from '../probe/probe-types';
import { eraValueAt, type ChainParams } from '../chain/chain-params';
import type { HealthRules } from './health-rules';
import type { ProblemSink } from './problem-sink';
import type { Minimum, NetworkVersions } from './minimum-versions';
import { compareVersions, isBelow } from './semver';

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
      const window = confirmationWindow(ctx.params, h, s.lastConfirmedHeight);
      if (window === null) return;
      // Counted back from expiry, and never before fluxd would even accept a confirmation (the
      // pre-PoN windows were 120/160, narrower than the PoN threshold).
      const threshold = Math.min(ctx.rules.thresholds.confirmationOverdueBlocksBeforeExpiry, window.expiryBlocks - window.minIntervalBlocks);
      if (window.expiresInBlocks >= threshold) return;
      sink.add(
        'CONFIRMATION_OVERDUE',
        `Last confirmed ${window.sinceBlocks} blocks ago (height ${s.lastConfirmedHeight}); ` +
          (window.expiresInBlocks > 0
            ? `it expires in ${window.expiresInBlocks} blocks (at height ${window.expiresAtHeight}) unless it confirms`
            : `it reached fluxd's ${window.expiryBlocks}-block expiry at height ${window.expiresAtHeight}`),
      );
    }
  }
}

/** Where a confirmed node stands in fluxd's confirmation window (flux-facts §3.6). */
export interface ConfirmationWindow {
  sinceBlocks: number;
  /** Blocks until fluxd accepts its next confirmation (0 = it may confirm now). */
  confirmInBlocks: number;
  /** Blocks until fluxd expires it without a confirmation (0 = at or past expiry). */
  expiresInBlocks: number;
  expiresAtHeight: number;
  expiryBlocks: number;
  minIntervalBlocks: number;
}

/**
 * fluxd accepts a node's next confirmation once more than `confirmMinIntervalBlocks` (500 after
 * PoN) have passed since `last_confirmed_height`, and expires the node after
 * `confirmExpirationBlocks` (640). Null when a height or an era value is unknown.
 */
export function confirmationWindow(params: ChainParams, height: number | null, lastConfirmed: number | null): ConfirmationWindow | null {
  if (height === null || lastConfirmed === null || lastConfirmed <= 0) return null;
  const minInterval = eraValueAt(params, params.nodeTiming.confirmMinIntervalBlocks, height);
  const expiry = eraValueAt(params, params.nodeTiming.confirmExpirationBlocks, height);
  if (minInterval === null || expiry === null) return null;
  const since = Math.max(0, height - lastConfirmed);
  return {
    sinceBlocks: since,
    // fluxd's check is `height - last > minInterval`, so the first accepted block is last + minInterval + 1.
    confirmInBlocks: Math.max(0, minInterval + 1 - since),
    expiresInBlocks: Math.max(0, expiry - since),
    expiresAtHeight: lastConfirmed + expiry,
    expiryBlocks: expiry,
    minIntervalBlocks: minInterval,
  };
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

function versionOf(r: SourceResult<string> | undefined): string | null {
  return r?.ok ? r.value : null;
}

function below(name: string, found: string, min: Minimum): string {
  return `${name} ${found} is older than the minimum ${min.version} (${min.source})`;
}

/** How far `version` trails `latest`, in words ("2 minor releases"); null when not behind. */
export function versionGap(version: string, latest: string): string | null {
  const a = version.split(/[.+-]/).map(Number);
  const b = latest.split(/[.+-]/).map(Number);
  if (compareVersions(version, latest) !== -1) return null;
  const plural = (n: number, what: string) => `${n} ${what} release${n === 1 ? '' : 's'}`;
  if (b[0]! > a[0]!) return plural(b[0]! - a[0]!, 'major');
  if (b[1]! > a[1]!) return plural(b[1]! - a[1]!, 'minor');
  return plural(b[2]! - a[2]!, 'patch');
}

/**
 * The versions FluxOS holds a node to. fluxbench is judged by the daemon's own version
 * (`/benchmark/getinfo`, else `fluxbench-cli getinfo` over SSH), as FluxOS's
 * checkFluxbenchVersionAllowed does: getbenchmarks' `bench_version` is another field.
 */
export function versionProblems(probe: ProbeResult, versions: NetworkVersions, sink: ProblemSink): void {
  const min = versions.minimums;
  const ssh = probe.ssh.attempted && probe.ssh.result.ok ? probe.ssh.result.value : null;
  const fluxos = probe.api.fluxVersion;
  if (fluxos.ok && isBelow(fluxos.value, min.fluxos.version)) {
    sink.add('FLUXOS_OUTDATED', below('FluxOS', fluxos.value, min.fluxos));
  } else if (fluxos.ok && versions.latestFluxos) {
    const gap = versionGap(fluxos.value, versions.latestFluxos.version);
    if (gap !== null) {
      sink.add(
        'FLUXOS_BEHIND_LATEST',
        `FluxOS ${fluxos.value} is ${gap} behind ${versions.latestFluxos.version}, the newest the public API reports (${versions.latestFluxos.source})`,
      );
    }
  }
  const bench = probe.api.benchInfo.ok ? probe.api.benchInfo.value.version : versionOf(ssh?.benchVersion);
  if (bench !== null && isBelow(bench, min.fluxbench.version)) {
    sink.add('BENCH_OUTDATED', below('fluxbench', bench, min.fluxbench));
  }
  const syncthing = versionOf(ssh?.syncthingVersion);
  if (syncthing !== null && isBelow(syncthing, min.syncthing.version)) {
    sink.add('SYNCTHING_OUTDATED', below('Syncthing', syncthing, min.syncthing));
  }
  const docker = versionOf(ssh?.dockerVersion);
  if (docker !== null && isBelow(docker, min.docker.version)) {
    sink.add('DOCKER_OUTDATED', below('Docker', docker, min.docker));
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
