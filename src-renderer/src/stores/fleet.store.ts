import { blankStatus } from '../../../src-shared/node-status';
import { mergeRow, toFleetRow } from '../../../src-shared/fleet-row';
import { decodeFleetTable } from '../../../src-shared/fleet-table';
import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef } from 'vue';
import type { FleetDiff, FleetRowStatus, Health, PollProgress } from '../../../src-shared/contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';
import {
  buildRow,
  changesOrder,
  countHealth,
  distinctValues,
  filterRows,
  sortRows,
  type FleetRow,
  type SortKey,
  type SortSpec,
} from '../lib/fleet-query';
import { groupRows, type GroupBy } from '../lib/fleet-groups';
import { nameOf, walletOf } from '../lib/fleet-row-view';
import { useNodesStore } from './nodes.store';

type StreamPosition = Pick<FleetDiff, 'stream' | 'seq'>;

/** The row fields `labelled` (filter lists, name width) reads. */
const LABEL_FIELDS = ['name', 'tier', 'tags', 'wallet'] as const satisfies readonly (keyof FleetRowStatus)[];

/**
 * The live fleet: one snapshot of table rows from `fleet:status`, then `fleet:onStatus` diffs
 * merged in (`mergeRow`: the fields a diff carries replace the row's). Rows live in a plain Map
 * (never deeply reactive: 5,000 proxied objects is the classic Vue slowdown), a changed node gets
 * a new frozen row so only its table row re-renders, and a `version` counter tells computeds when
 * the map changed. Diffs are numbered: one that does not follow the last applied means one was
 * lost, and the snapshot is read again rather than drifting.
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
  let pending: FleetDiff[] | null = null;
  // Null while degraded (no snapshot, so no position): diffs are then merged as far as they go.
  let position: StreamPosition | null = null;

  /**
   * Bumped with `version` only when rows come or go or a diff changes what the filter lists and
   * the name column's width read (name, tier, tags, wallet): a fleet-wide health tick leaves them.
   */
  const labelsVersion = ref(0);

  const rows = computed<readonly FleetRow[]>(() => {
    void version.value;
    return markRaw([...byId.values()]);
  });
  const labelled = computed<readonly FleetRow[]>(() => {
    void labelsVersion.value;
    return markRaw([...byId.values()]);
  });
  /**
   * Bumped with `version` only when rows come or go or a diff changes what the current sort reads
   * (its field, or the name that breaks ties): a health tick sorted by name keeps the order.
   */
  const orderVersion = ref(0);
  // Sorting depends on data and sort only; typing in the filter re-filters the sorted list.
  const order = computed<readonly FleetRow[]>((lastOrder) => {
    void orderVersion.value;
    return markRaw(sortRows(inOrderOf(lastOrder, [...byId.values()]), sort.value));
  });
  const sorted = computed<readonly FleetRow[]>(() => markRaw(inOrderOf(order.value, rows.value)));
  /**
   * The rows in the order of the last sort when the same nodes are there: a tick moves few of
   * them, and the sort (TimSort) over runs already in order is close to one pass instead of n log n.
   */
  function inOrderOf(lastOrder: readonly FleetRow[] | undefined, current: readonly FleetRow[]): readonly FleetRow[] {
    if (!lastOrder) return current;
    // One pass, no callbacks: a tick maps all 5,000 rows.
    const again: FleetRow[] = [];
    for (const { id } of lastOrder) {
      const row = byId.get(id);
      if (row) again.push(row);
    }
    return again.length === current.length ? again : current;
  }
  const filtered = computed<readonly FleetRow[]>(() => filterRows(sorted.value, filter, ownerOf));
  // Grouping reorders rows group by group, so range selection and keyboard moves follow what is on screen.
  const grouping = computed(() => groupRows(filtered.value, groupBy.value, ownerOf));
  const visible = computed<readonly FleetRow[]>(() => markRaw(grouping.value.rows as FleetRow[]));
  const groups = computed(() => grouping.value.groups);
  const counts = computed(() => countHealth(rows.value));
  /** How many rows: a number, so what reads only this does not re-render when a tick changes statuses. */
  const size = computed(() => rows.value.length);
  const tiers = computed(() => distinctValues(labelled.value, (row) => [row.status.tier]));
  const tags = computed(() => distinctValues(labelled.value, (row) => row.status.tags));
  const owners = computed(() => distinctValues(labelled.value, (row) => [ownerOf(row.id)]));
  const wallets = computed(() => distinctValues(labelled.value, (row) => [walletOf(row)]));
  const longestName = computed(() => labelled.value.reduce((longest, row) => Math.max(longest, nameOf(row).length), 0));
  const selectedVisible = computed(() => (selected.value.size === 0 ? 0 : visible.value.filter((row) => selected.value.has(row.id)).length));

  function applyDiff(diff: FleetDiff): void {
    if (pending) {
      pending.push(diff);
      return;
    }
    if (position) {
      if (diff.stream === position.stream && diff.seq <= position.seq) return; // already in the snapshot
      if (diff.stream !== position.stream || diff.seq !== position.seq + 1) return void load();
    }
    let changed = false;
    let relabelled = false;
    let reordered = false;
    const sortKey = sort.value.key;
    for (const change of diff.changed) {
      const existing = byId.get(change.nodeId);
      const merged = mergeRow(existing?.status, change);
      if (merged === null) {
        if (position) return void load();
        continue;
      }
      if (merged === existing?.status) continue;
      byId.set(change.nodeId, markRaw(buildRow(merged, existing)));
      changed = true;
      relabelled ||= !existing || LABEL_FIELDS.some((field) => field in change);
      reordered ||= !existing || changesOrder(sortKey, change);
    }
    if (position) position = { stream: diff.stream, seq: diff.seq };
    if (changed) version.value++;
    if (relabelled) labelsVersion.value++;
    if (reordered) orderVersion.value++;
    if (diff.removed.length) drop(diff.removed);
  }

  /** Drops rows at once after this client removed them; main's own diff later agrees. */
  function drop(ids: readonly number[]): void {
    let changed = false;
    for (const id of ids) changed = byId.delete(id) || changed;
    dropFromSelection(ids);
    if (changed) {
      version.value++;
      labelsVersion.value++;
      orderVersion.value++;
    }
  }

  function replaceAll(statuses: readonly FleetRowStatus[]): void {
    byId.clear();
    for (const status of statuses) byId.set(status.nodeId, markRaw(buildRow(status)));
    const known = [...selected.value].filter((id) => byId.has(id));
    if (known.length !== selected.value.size) selected.value = new Set(known);
    version.value++;
    labelsVersion.value++;
    orderVersion.value++;
  }

  async function load(): Promise<void> {
    const seq = ++loadSeq;
    loading.value = true;
    pending = [];
    const result = await fetchRows();
    if (seq !== loadSeq) return;
    const replay = pending;
    pending = null;
    loading.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    replaceAll(result.value.rows);
    position = result.value.position;
    degraded.value = result.value.degraded;
    for (const diff of replay) applyDiff(diff);
    error.value = null;
    loaded.value = true;
  }

  /**
   * Asks for the snapshot before any view follows the fleet (the app's start); `start` then
   * subscribes and keeps it. A diff published in between leaves a gap in the numbers, so the
   * first diff after it makes the store re-read: nothing is missed.
   */
  function preload(): void {
    if (!loaded.value && !loading.value) void load();
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
    size,
    visible,
    counts,
    tiers,
    tags,
    owners,
    wallets,
    longestName,
    selectedVisible,
    load,
    preload,
    start,
    stop,
    applyDiff,
    drop,
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
async function fetchRows(): Promise<Result<{ rows: FleetRowStatus[]; position: StreamPosition | null; degraded: AppErrorShape | null }>> {
  const client = useClient();
  const result = await client.call('fleet:status', {});
  if (result.ok) {
    const { rows, stream, seq } = decodeFleetTable(result.value);
    return { ok: true, value: { rows, position: { stream, seq }, degraded: null } };
  }
  if (result.error.code === 'UNAVAILABLE') return result;
  const list = await client.call('nodes:list', {});
  return list.ok ? { ok: true, value: { rows: list.value.map((node) => toFleetRow(blankStatus(node))), position: null, degraded: result.error } } : result;
}
