import uPlot from 'uplot';
import type { FleetHealthSeries, Health, Series } from '../../../src-shared/contract';
import { HEALTH_BY_CODE, HEALTH_LABEL } from './health-style';

/** Chart helpers shared by the node charts: axis sizing and the per-level health series. */

/**
 * Axis width from its longest label, so "Unreachable" or "12,000" never runs into the plot or the
 * other axis. uPlot calls this per layout cycle; labels are 11 px sans-serif, about 7 px a character.
 */
export function fitLabels(_u: uPlot, values: string[] | null, axisIdx: number): number {
  if (axisIdx === 0) return 50;
  const longest = (values ?? []).reduce((max, v) => Math.max(max, String(v).length), 0);
  return Math.max(40, 16 + longest * 7);
}

/** Tick spacing: time labels ("12:00", "Mar 01") need room; value axes can be denser. */
export function labelSpace(_u: uPlot, axisIdx: number): number {
  return axisIdx === 0 ? 90 : 30;
}

/** Health as one stepped series per level, each in its own colour, so a glance tells the levels apart. */
/** The chart theme's colours for an axis; `extra` sets its scale, side or labels. */
export function themedAxis(colors: { textColor3: string; dividerColor: string }, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: colors.textColor3,
    size: fitLabels,
    space: labelSpace,
    grid: { stroke: colors.dividerColor, width: 1 },
    ticks: { stroke: colors.dividerColor, width: 1 },
    ...extra,
  };
}

export function healthSeries(series: Series, colorOf: (health: Health) => string): { data: uPlot.AlignedData; lines: uPlot.Series[] } {
  const levels = HEALTH_BY_CODE.map((health, code) => ({ health, code })).filter(({ code }) => series.max.some((v) => v === code));
  const columns = levels.map(({ code }) => series.max.map((v) => (v === code ? code : null)));
  return {
    data: [series.t, ...columns] as uPlot.AlignedData,
    lines: levels.map(({ health }) => ({
      label: HEALTH_LABEL[health],
      stroke: colorOf(health),
      width: 3,
      spanGaps: false,
      points: { show: true, size: 5, fill: colorOf(health) },
      paths: uPlot.paths.stepped!({ align: 1 }),
    })),
  };
}


/** The fleet charts' columns: healthy share (% of counted nodes that were OK) and nodes per level. */
export function fleetHealthColumns(series: FleetHealthSeries): { share: uPlot.AlignedData; byLevel: uPlot.AlignedData; levels: Health[] } {
  const levels = FLEET_LEVELS.filter((health) => series.counts[health].some((n) => n > 0));
  const share = series.t.map((_, i) => {
    const total = FLEET_LEVELS.reduce((sum, health) => sum + (series.counts[health][i] ?? 0), 0);
    return total > 0 ? Math.round(((series.counts.ok[i] ?? 0) / total) * 1000) / 10 : null;
  });
  return {
    share: [series.t, share] as uPlot.AlignedData,
    byLevel: [series.t, ...levels.map((health) => series.counts[health])] as uPlot.AlignedData,
    levels,
  };
}

const FLEET_LEVELS: readonly Health[] = ['ok', 'warning', 'critical', 'unreachable', 'unknown'];
