import type { Severity } from '../../../src-shared/contract/fleet.contract';
import { capChars, cleanLine, cleanText } from './alert-text';

/** One rule firing for one node, before silences and digests are applied. */
export interface AlertItem {
  nodeId: number;
  nodeName: string;
  tags: readonly string[];
  /** A problem code, or one of the engine's own: NODE_UNREACHABLE, NODE_RECOVERED. */
  code: string;
  severity: Severity;
  title: string;
  text: string;
  at: number;
}

/** What channels send: one alert, a digest of many, or a test. Text is already sanitised. */
export interface AlertMessage {
  kind: 'single' | 'digest' | 'test';
  title: string;
  text: string;
  severity: Severity;
  at: number;
  nodes: Array<{ id: number; name: string; code: string; severity: Severity }>;
}

/** How many node names a digest spells out; the rest are counted. */
export const DIGEST_NAMES = 20;
const TEXT_MAX = 3000;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function singleMessage(item: AlertItem): AlertMessage {
  return {
    kind: 'single',
    title: cleanLine(item.title, 200),
    text: cleanText(item.text, TEXT_MAX),
    severity: item.severity,
    at: item.at,
    nodes: [{ id: item.nodeId, name: cleanLine(item.nodeName, 80), code: cleanLine(item.code, 64), severity: item.severity }],
  };
}

/** One message for many alerts: counts by code, then the first {@link DIGEST_NAMES} node names. */
export function digestMessage(items: readonly AlertItem[], at: number): AlertMessage {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.code, (counts.get(item.code) ?? 0) + 1);
  const severity = items.reduce<Severity>((worst, item) => (SEVERITY_RANK[item.severity] > SEVERITY_RANK[worst] ? item.severity : worst), 'info');
  const nodeIds = new Set(items.map((item) => item.nodeId));
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const names = [...new Map(items.map((item) => [item.nodeId, cleanLine(item.nodeName, 64)])).values()];
  const shown = names.slice(0, DIGEST_NAMES);
  const more = names.length - shown.length;
  const lines = [
    ...byCount.map(([code, count]) => `${cleanLine(code, 64)}: ${count}`),
    '',
    `Nodes: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  ];
  return {
    kind: 'digest',
    title: `${items.length} alerts on ${nodeIds.size} node${nodeIds.size === 1 ? '' : 's'}`,
    text: capChars(lines.join('\n'), TEXT_MAX),
    severity,
    at,
    nodes: items.slice(0, 1000).map((item) => ({
      id: item.nodeId,
      name: cleanLine(item.nodeName, 80),
      code: cleanLine(item.code, 64),
      severity: item.severity,
    })),
  };
}

export function testMessage(channelName: string, at: number): AlertMessage {
  return {
    kind: 'test',
    title: 'FluxDeck test message',
    text: `This is a test of the alert channel "${cleanLine(channelName, 64)}". No node needs attention.`,
    severity: 'info',
    at,
    nodes: [],
  };
}

/** Plain-text rendering shared by desktop, Telegram and the in-app banner. */
export function plainText(message: AlertMessage): string {
  const prefix = message.kind === 'test' ? '[TEST] ' : message.severity === 'critical' ? '[CRITICAL] ' : message.severity === 'warning' ? '[WARNING] ' : '';
  return `${prefix}${message.title}\n${message.text}`;
}
