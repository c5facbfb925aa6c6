import type { Health, HistoryMetric, NodeStatus } from '../../../src-shared/contract';

/** Health as a number ordered from best to worst, so `max()` over a bucket is its worst health. */
export const HEALTH_CODE: Readonly<Record<Health, number>> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  critical: 3,
  unreachable: 4,
};

const HEALTH_BY_CODE: readonly Health[] = ['ok', 'unknown', 'warning', 'critical', 'unreachable'];

export function healthFromCode(code: number): Health {
  return HEALTH_BY_CODE[code] ?? 'unknown';
}

/** The SQL column stem that stores each chart metric (raw column, and `<stem>_min/avg/max` in roll-ups). */
export const METRIC_COLUMN: Readonly<Record<HistoryMetric, string>> = {
  health: 'health',
  blocksBehind: 'blocks_behind',
  eps: 'eps',
  ddwrite: 'ddwrite',
  diskFreePct: 'disk_free_pct',
  memUsedPct: 'mem_used_pct',
  appCount: 'app_count',
  appsCpu: 'apps_cpu',
  appsRamMb: 'apps_ram_mb',
  appsHddGb: 'apps_hdd_gb',
};

/** Stems in roll-up column order. */
export const METRIC_STEMS = Object.values(METRIC_COLUMN);

/** The `samples` columns in insert order, matching {@link pushSampleValues}. */
export const SAMPLE_COLUMNS = [
  'node_id', 'at', 'health', 'status', 'bench_status', 'height', 'blocks_behind', 'eps', 'ddwrite', 'disk_free_pct', 'mem_used_pct',
  'problem_count', 'app_count', 'apps_cpu', 'apps_ram_mb', 'apps_hdd_gb',
] as const;

/**
 * Appends one `samples` row to `out` as positional parameters, in {@link SAMPLE_COLUMNS} order
 * (one flat array per batch, not one per row). The charts plot these numbers; unknown stays
 * null, never 0.
 */
export function pushSampleValues(out: (number | string | null)[], status: NodeStatus, at: number): void {
  const sys = status.system;
  out.push(
    status.nodeId,
    at,
    HEALTH_CODE[status.health] ?? HEALTH_CODE.unknown,
    status.fluxnode?.status ?? null,
    status.benchmark?.status ?? null,
    finite(status.daemon?.blocks),
    finite(status.blocksBehind),
    finite(status.benchmark?.eps),
    finite(status.benchmark?.ddwrite),
    percent(sys?.diskFreeBytes, sys?.diskTotalBytes),
    sys?.memAvailableBytes == null ? null : percent(minus(sys.memTotalBytes, sys.memAvailableBytes), sys.memTotalBytes),
    status.problems.length,
    finite(status.appsLocked?.count),
    finite(status.appsLocked?.cpu),
    finite(status.appsLocked?.ramMb),
    finite(status.appsLocked?.hddGb),
  );
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function minus(a: number | null | undefined, b: number | null | undefined): number | null {
  const x = finite(a);
  const y = finite(b);
  return x === null || y === null ? null : x - y;
}

function percent(part: number | null | undefined, whole: number | null | undefined): number | null {
  const p = finite(part);
  const w = finite(whole);
  if (p === null || w === null || w <= 0) return null;
  return Math.min(100, Math.max(0, (p / w) * 100));
}
