import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { Health } from '../../../src-shared/contract';
import { fitLabels, fleetHealthColumns, healthSeries } from './chart-series';
import { healthChartColor } from './health-style';

const palette = { successColor: 'green', warningColor: 'orange', errorColor: 'red', textColor3: 'grey', infoColor: 'blue' };
const u = {} as uPlot;

describe('node chart series', () => {
  it('draws each health level present as its own series in its own colour', () => {
    // Codes: ok 0, unknown 1, warning 2, critical 3, unreachable 4.
    const { data, lines } = healthSeries({ metric: 'health', resolution: 'raw', t: [1, 2, 3, 4], min: [0, 2, 4, 0], avg: [0, 2, 4, 0], max: [0, 2, 4, 0] }, (h) => healthChartColor(palette, h));
    expect(lines.map((l) => l.label)).toEqual(['OK', 'Warning', 'Unreachable']);
    expect(data).toEqual([[1, 2, 3, 4], [0, null, null, 0], [null, 2, null, null], [null, null, 4, null]]);
    expect(new Set(lines.map((l) => l.stroke)).size).toBe(3);
  });

  it('gives every health level a different chart colour (critical and unreachable included)', () => {
    const levels: Health[] = ['ok', 'unknown', 'warning', 'critical', 'unreachable'];
    expect(new Set(levels.map((h) => healthChartColor(palette, h))).size).toBe(5);
  });

  it('sizes a value axis to its longest label so labels never run into the plot', () => {
    expect(fitLabels(u, ['OK', 'Unreachable'], 1)).toBeGreaterThan(fitLabels(u, ['0', '5'], 1));
    expect(fitLabels(u, ['12,000'], 2)).toBeGreaterThanOrEqual(16 + 6 * 7);
  });
});

describe('fleet health columns', () => {
  it('gives the healthy share of counted nodes and one column per level that occurs', () => {
    const columns = fleetHealthColumns({
      resolution: 'hour',
      t: [0, 3_600_000, 7_200_000],
      counts: { ok: [3, 2, 0], warning: [1, 0, 0], critical: [0, 0, 0], unreachable: [0, 2, 0], unknown: [0, 0, 0] },
    });
    expect(columns.share).toEqual([[0, 3_600_000, 7_200_000], [75, 50, null]]);
    expect(columns.levels).toEqual(['ok', 'warning', 'unreachable']);
    expect(columns.byLevel.slice(1)).toEqual([[3, 2, 0], [1, 0, 0], [0, 2, 0]]);
  });
});
