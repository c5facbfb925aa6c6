import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { NodeUptime } from '../../../src-shared/contract';
import { useClient } from '../bridge';

/** A row's bars are refreshed at most this often (history gains a sample per poll, about a minute). */
const FRESH_MS = 60_000;

/**
 * Uptime % and hourly bars for the fleet rows on screen: asked for in one `fleet:uptime` call per
 * scroll stop (the ids in view that are not fresh), never one call per row.
 */
export const useUptimeStore = defineStore('uptime', () => {
  const byId = shallowRef<ReadonlyMap<number, NodeUptime>>(new Map());
  const fetchedAt = new Map<number, number>();
  let inFlight: Promise<void> | null = null;

  async function want(ids: readonly number[], now = Date.now()): Promise<void> {
    if (inFlight) await inFlight;
    const stale = ids.filter((id) => now - (fetchedAt.get(id) ?? -Infinity) >= FRESH_MS).slice(0, 500);
    if (stale.length === 0) return;
    for (const id of stale) fetchedAt.set(id, now);
    inFlight = (async () => {
      const result = await useClient().call('fleet:uptime', { nodeIds: stale });
      if (!result.ok) {
        for (const id of stale) fetchedAt.delete(id);
        return;
      }
      const next = new Map(byId.value);
      for (const entry of result.value) next.set(entry.nodeId, entry);
      byId.value = next;
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  }

  return { byId, want };
});
