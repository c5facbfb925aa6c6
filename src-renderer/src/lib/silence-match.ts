import type { Silence } from '../../../src-shared/contract';

/** When a node's alerts are silenced until (the latest silence that covers it), or null. */
export type SilenceLookup = (node: { id: number; tags: readonly string[] }) => number | null;

/** Indexes the silences in force at `now` once, so each row asks in constant time. */
export function silenceLookup(silences: readonly Silence[], now: number): SilenceLookup {
  let all: number | null = null;
  const byNode = new Map<string, number>();
  const byTag = new Map<string, number>();
  const later = (map: Map<string, number>, key: string, until: number) => map.set(key, Math.max(map.get(key) ?? 0, until));
  for (const silence of silences) {
    if (silence.untilMs <= now) continue;
    if (silence.scope === 'all') all = Math.max(all ?? 0, silence.untilMs);
    else if (silence.target !== null) later(silence.scope === 'node' ? byNode : byTag, silence.target, silence.untilMs);
  }
  return (node) => {
    let until = Math.max(all ?? 0, byNode.get(String(node.id)) ?? 0);
    for (const tag of node.tags) until = Math.max(until, byTag.get(tag) ?? 0);
    return until > 0 ? until : null;
  };
}
