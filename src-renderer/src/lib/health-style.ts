import type { Health } from '../../../src-shared/contract';

/** Worst first in the UI, so sorting by health ascending shows trouble on top. */
export const HEALTH_ORDER: readonly Health[] = ['critical', 'unreachable', 'warning', 'unknown', 'ok'];

export const HEALTH_LABEL: Record<Health, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unreachable: 'Unreachable',
  unknown: 'Unknown',
};

/** Sort rank: lower is worse. */
export const HEALTH_RANK: Record<Health, number> = { critical: 0, unreachable: 1, warning: 2, unknown: 3, ok: 4 };

/** The subset of Naive UI's theme vars the health colours come from; both themes define them. */
export interface HealthPalette {
  successColor: string;
  warningColor: string;
  errorColor: string;
  textColor3: string;
  infoColor: string;
}

/** Health → colour from the active theme, so light and dark both stay legible. */
export function healthColor(vars: HealthPalette, health: Health): string {
  switch (health) {
    case 'ok':
      return vars.successColor;
    case 'warning':
      return vars.warningColor;
    case 'critical':
    case 'unreachable':
      return vars.errorColor;
    default:
      return vars.textColor3;
  }
}

/**
 * How `node:history` encodes health: best to worst, so a bucket's max is its worst health.
 * Mirrors main's HEALTH_CODE (src-main/core/history/metrics.ts); the contract does not carry it yet.
 */
export const HEALTH_BY_CODE: readonly Health[] = ['ok', 'unknown', 'warning', 'critical', 'unreachable'];

/**
 * One distinct colour per health level for charts, where badges' shared colours (critical and
 * unreachable are both "error") would make two levels look the same.
 */
export function healthChartColor(vars: HealthPalette, health: Health): string {
  switch (health) {
    case 'unreachable':
      return '#8e44ad';
    case 'unknown':
      return vars.infoColor;
    default:
      return healthColor(vars, health);
  }
}
