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

/** One `samples` row, as named parameters for a prepared statement. */
export interface SampleRow {
  nodeId: number;
  at: number;
  health: number;
  status: string | null;
  benchStatus: string | null;
  height: number | null;
  blocksBehind: number | null;
  eps: number | null;
  ddwrite: number | null;
  diskFreePct: number | null;
  memUsedPct: number | null;
  problemCount: number;
  appCount: number | null;
  appsCpu: number | null;
  appsRamMb: number | null;
  appsHddGb: number | null;
}

/** Flattens a status into the numbers the charts plot; unknown stays null, never 0. */
export function sampleOf(status: NodeStatus, at: number): SampleRow {
  const sys = status.system;
  return {
    nodeId: status.nodeId,
    at,
    health: HEALTH_CODE[status.health] ?? HEALTH_CODE.unknown,
    status: status.fluxnode?.status ?? null,
    benchStatus: status.benchmark?.status ?? null,
    height: finite(status.daemon?.blocks),
    blocksBehind: finite(status.blocksBehind),
    eps: finite(status.benchmark?.eps),
    ddwrite: finite(status.benchmark?.ddwrite),
    diskFreePct: percent(sys?.diskFreeBytes, sys?.diskTotalBytes),
    memUsedPct: sys?.memAvailableBytes == null ? null : percent(minus(sys.memTotalBytes, sys.memAvailableBytes), sys.memTotalBytes),
    problemCount: status.problems.length,
    appCount: finite(status.appsLocked?.count),
    appsCpu: finite(status.appsLocked?.cpu),
    appsRamMb: finite(status.appsLocked?.ramMb),
    appsHddGb: finite(status.appsLocked?.hddGb),
  };
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
