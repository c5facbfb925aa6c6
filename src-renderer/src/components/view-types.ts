import type uPlot from 'uplot';

/** Everything uPlot needs except the size, which UPlotChart takes from its container. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** One labelled fact in an InfoCard; values are always rendered as text. */
export interface InfoItem {
  label: string;
  value: string;
  mono?: boolean;
  /** Highlights a value that is a problem, or dims one that does not apply to this node. */
  tone?: 'warning' | 'error' | 'muted';
  title?: string;
  /** data-testid of the value, for the e2e tests. */
  testid?: string;
}
