import { blankStatus } from '../../../src-shared/node-status';
import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef } from 'vue';
import type { EventPayload, Health, NodeStatus, PollProgress } from '../../../src-shared/contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';
import {
  buildRow,
  countHealth,
  distinctValues,
  filterRows,
  sortRows,
  type FleetRow,
  type SortKey,
  type SortSpec,
} from '../lib/fleet-query';
import { groupRows, type GroupBy } from '../lib/fleet-groups';
import { walletOf } from '../lib/fleet-row-view';
import { useNodesStore } from './nodes.store';

type StatusDiff = EventPayload<'fleet:onStatus'>;

/**
 * The live fleet: one snapshot from `fleet:status`, then `fleet:onStatus` diffs applied in place.
 * Rows live in a plain Map (never deeply reactive: 5,000 proxied objects is the classic Vue
 * slowdown) and a `version` counter tells computeds when it changed.
 */
export const useFleetStore = defineStore('fleet', () => {
  const byId = new Map<number, FleetRow>();
  const version = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<AppErrorShape | null>(null);
  /** Set when only the node list could be loaded: health and details are unknown until it clears. */
  const degraded = ref<AppErrorShape | null>(null);
  const progress = shallowRef<PollProgress | null>(null);
  const sort = ref<SortSpec>({ key: 'health', dir: 'asc' });
  const filter = reactive<{ health: Health[]; tier: string | null; tag: string | null; text: string; owner: string | null; wallet: string | null }>({
    health: [],
    tier: null,
    tag: null,
    text: '',
    owner: null,
    wallet: null,
  });
  const groupBy = ref<GroupBy>('none');
  // Owners live on the node records (the status carries no owner): the nodes store follows edits.
  const nodes = useNodesStore();
  const ownerById = computed(() => new Map(nodes.nodes.map((node) => [node.id, node.owner ?? null])));
  const ownerOf = (id: number): string | null => ownerById.value.get(id) ?? null;
  const selected = shallowRef<ReadonlySet<number>>(new Set());

  let unsubscribers: (() => void)[] = [];
  // Fleet and node views both follow the fleet; the last one to leave unsubscribes.
  let users = 0;
  let loadSeq = 0;
  // Diffs that arrive while a snapshot is in flight are replayed on top of it.
  let pending: StatusDiff[] | null = null;

  const rows = computed<readonly FleetRow[]>(() => {
    void version.value;
    return markRaw([...byId.values()]);
  });
  // Sorting depends on data and sort only; typing in the filter re-filters the sorted list.
  const sorted = computed(() => markRaw(sortRows(rows.value, sort.value)));
  const filtered = computed<readonly FleetRow[]>(() => filterRows(sorted.value, filter, ownerOf));
  // Grouping reorders rows group by group, so range selection and keyboard moves follow what is on screen.
  const grouping = computed(() => groupRows(filtered.value, groupBy.value, ownerOf));
  const visible = computed<readonly FleetRow[]>(() => markRaw(grouping.value.rows as FleetRow[]));
  const groups = computed(() => grouping.value.groups);
  const counts = computed(() => countHealth(rows.value));
  const tiers = computed(() => distinctValues(rows.value, (row) => [row.status.fluxnode?.tier]));
  const tags = computed(() => distinctValues(rows.value, (row) => row.status.tags));
  const owners = computed(() => distinctValues(rows.value, (row) => [ownerOf(row.id)]));
  const wallets = computed(() => distinctValues(rows.value, (row) => [walletOf(row)]));
  const selectedVisible = computed(() => visible.value.filter((row) => selected.value.has(row.id)).length);

  function upsert(status: NodeStatus): boolean {
    const existing = byId.get(status.nodeId);
    // An older poll result must never overwrite a newer one (a replayed or reordered diff).
    if (existing && (existing.status.lastPolledAt ?? 0) > (status.lastPolledAt ?? 0)) return false;
    byId.set(status.nodeId, markRaw(buildRow(markRaw(status))));
    return true;
  }

  function applyDiff(diff: StatusDiff): void {
    if (pending) pending.push(diff);
    let changed = false;
    for (const status of diff.changed) changed = upsert(status) || changed;
    for (const id of diff.removed) changed = byId.delete(id) || changed;
    if (diff.removed.length) dropFromSelection(diff.removed);
    if (changed) version.value++;
  }

  function replaceAll(statuses: readonly NodeStatus[]): void {
    byId.clear();
    for (const status of statuses) byId.set(status.nodeId, markRaw(buildRow(markRaw(status))));
    const known = [...selected.value].filter((id) => byId.has(id));
    if (known.length !== selected.value.size) selected.value = new Set(known);
    version.value++;
  }

  async function load(): Promise<void> {
    const seq = ++loadSeq;
    loading.value = true;
    pending = [];
    const result = await fetchStatuses();
    if (seq !== loadSeq) return;
    const replay = pending;
    pending = null;
    loading.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    replaceAll(result.value.statuses);
    degraded.value = result.value.degraded;
    for (const diff of replay) applyDiff(diff);
    error.value = null;
    loaded.value = true;
  }

  /** Loads once and follows status diffs, poll progress and fleet membership changes. */
  function start(): void {
    users++;
    if (unsubscribers.length === 0) {
      const client = useClient();
      unsubscribers = [
        client.on('fleet:onStatus', applyDiff),
        client.on('fleet:onPollProgress', (next) => (progress.value = next)),
        client.on('fleet:onChanged', () => void load()),
      ];
    }
    if (!loaded.value && !loading.value) void load();
  }

  function stop(): void {
    users = Math.max(0, users - 1);
    if (users > 0) return;
    for (const unsubscribe of unsubscribers) unsubscribe();
    unsubscribers = [];
  }

  /** Polls the given nodes, or the whole fleet; progress then arrives as `fleet:onPollProgress`. */
  async function pollNow(ids?: readonly number[]): Promise<Result<{ queued: number }>> {
    const result = await useClient().call('fleet:pollNow', ids ? { nodeIds: [...ids] } : {});
    if (result.ok && result.value.queued > 0 && !progress.value?.running) {
      progress.value = { running: true, done: 0, total: result.value.queued, failed: 0 };
    }
    return result;
  }

  function get(id: number): FleetRow | undefined {
    void version.value;
    return byId.get(id);
  }

  function setSort(key: SortKey): void {
    const current = sort.value;
    sort.value = current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
  }

  function toggleHealth(health: Health): void {
    const index = filter.health.indexOf(health);
    if (index >= 0) filter.health.splice(index, 1);
    else filter.health.push(health);
  }

  function clearFilters(): void {
    Object.assign(filter, { health: [], tier: null, tag: null, text: '', owner: null, wallet: null });
  }

  function setSelected(ids: Iterable<number>, on: boolean): void {
    const next = new Set(selected.value);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    selected.value = next;
  }

  function toggleSelected(id: number): void {
    setSelected([id], !selected.value.has(id));
  }

  /** Shift-click: every visible row between the anchor and `toId`, both included, takes `on`. */
  function selectRange(anchorId: number, toId: number, on = true): void {
    const list = visible.value;
    const from = list.findIndex((row) => row.id === anchorId);
    const to = list.findIndex((row) => row.id === toId);
    if (to < 0) return;
    const [lo, hi] = from < 0 ? [to, to] : from < to ? [from, to] : [to, from];
    setSelected(list.slice(lo, hi + 1).map((row) => row.id), on);
  }

  function selectAllVisible(on: boolean): void {
    setSelected(visible.value.map((row) => row.id), on);
  }

  function clearSelection(): void {
    selected.value = new Set();
  }

  function dropFromSelection(ids: readonly number[]): void {
    if (ids.some((id) => selected.value.has(id))) setSelected(ids, false);
  }

  return {
    version,
    loading,
    loaded,
    error,
    degraded,
    progress,
    sort,
    filter,
    groupBy,
    groups,
    ownerOf,
    selected,
    rows,
    visible,
    counts,
    tiers,
    tags,
    owners,
    wallets,
    selectedVisible,
    load,
    start,
    stop,
    applyDiff,
    pollNow,
    get,
    setSort,
    toggleHealth,
    clearFilters,
    setSelected,
    toggleSelected,
    selectRange,
    selectAllVisible,
    clearSelection,
  };
});

/**
 * `fleet:status`, or — when main cannot answer it (not wired yet, or its status service failed) —
 * the registered nodes with unknown health, so add, remove and open keep working. `degraded`
 * carries the status error so the view can say why health is missing.
 */
async function fetchStatuses(): Promise<Result<{ statuses: NodeStatus[]; degraded: AppErrorShape | null }>> {
  const client = useClient();
  const result = await client.call('fleet:status', {});
  if (result.ok) return { ok: true, value: { statuses: result.value, degraded: null } };
  if (result.error.code === 'UNAVAILABLE') return result;
  const list = await client.call('nodes:list', {});
  return list.ok ? { ok: true, value: { statuses: list.value.map((node) => blankStatus(node)), degraded: result.error } } : result;
}

