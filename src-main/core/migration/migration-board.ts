import type { BoardCategory, BoardRow, ExplainedNumber, MigrationBoard, NodeChecklist, NodeStatus, ShareCounts } from '../../../src-shared/contract';
import { tierOfStatus } from './evaluate-steps';

/** Forgone PNR per node (what migrating would add per month) and the explanations by key. */
export interface PnrSource {
  byNode: Map<number, { usd: number | null; key: string | null }>;
  explain: Record<string, ExplainedNumber>;
}

function share(statuses: readonly NodeStatus[]): ShareCounts {
  const arcane = statuses.filter((s) => s.flux?.arcaneOS === true).length;
  const legacy = statuses.filter((s) => s.flux?.arcaneOS === false).length;
  const known = arcane + legacy;
  return { legacy, arcane, unknown: statuses.length - known, arcaneSharePercent: known === 0 ? 0 : Math.round((arcane / known) * 1000) / 10 };
}

function categoryOf(list: NodeChecklist): { category: BoardCategory; blocking: BoardRow['blockingStep'] } {
  if (list.arcaneOS && !list.run) return { category: 'arcane', blocking: null };
  const step = list.steps.find((s) => s.state === 'failed' || (s.group === 'hardware' && s.state === 'unknown'));
  if (!step) return { category: 'ready', blocking: null };
  const blocking = { id: step.id, title: step.title, state: step.state, detail: step.detail };
  if (step.state === 'unknown') return { category: 'unknown', blocking };
  return { category: step.group === 'hardware' ? 'hardware' : step.group === 'timing' ? 'timing' : 'other', blocking };
}

/** The fleet board: ArcaneOS share (fleet and per tag) and one row per node, most forgone PNR first. */
export function buildBoard(statuses: readonly NodeStatus[], checklistOf: (nodeId: number) => NodeChecklist, pnr: PnrSource, now: number): MigrationBoard {
  const rows: BoardRow[] = statuses.map((s) => {
    const list = checklistOf(s.nodeId);
    const { category, blocking } = categoryOf(list);
    const p = pnr.byNode.get(s.nodeId);
    return {
      nodeId: s.nodeId,
      name: s.name,
      tags: s.tags,
      tier: tierOfStatus(s),
      arcaneOS: s.flux?.arcaneOS ?? null,
      category,
      blockingStep: blocking,
      window: list.window,
      forgonePnrUsd: s.flux?.arcaneOS === true ? null : (p?.usd ?? null),
      pnrKey: p?.key ?? null,
      runStatus: list.run?.status ?? null,
    };
  });
  rows.sort((a, b) => (b.forgonePnrUsd ?? -1) - (a.forgonePnrUsd ?? -1) || a.name.localeCompare(b.name));
  const tags = [...new Set(statuses.flatMap((s) => s.tags))].sort();
  return {
    generatedAt: now,
    fleet: share(statuses),
    byTag: tags.map((tag) => ({ tag, ...share(statuses.filter((s) => s.tags.includes(tag))) })),
    rows,
    pnr: pnr.explain,
    forgonePnrTotalUsd: Math.round(rows.reduce((sum, r) => sum + (r.forgonePnrUsd ?? 0), 0) * 100) / 100,
  };
}
