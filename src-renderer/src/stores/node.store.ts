import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FleetDiff, HistoryMetric, NodeEvent, NodeStatus, Series } from '../../../src-shared/contract';
import type { AppErrorShape } from '../../../src-shared/result';
import { useClient } from '../bridge';

export type HistoryRange = '24h' | '7d' | '30d' | '1y';

const HOUR = 3_600_000;
export const RANGE_MS: Record<HistoryRange, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR, '1y': 365 * 24 * HOUR };
export const CHART_METRICS: readonly HistoryMetric[] = ['health', 'blocksBehind', 'eps', 'ddwrite', 'diskFreePct', 'memUsedPct', 'appCount', 'appsCpu', 'appsRamMb'];

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What the node page shows: the node's full live status (`node:status`; the fleet list carries
 * only table rows), history series for the charts over a chosen range, and the node's event log.
 * While followed, the status is read again whenever a `fleet:onStatus` diff names the node (or
 * one was missed) and when the fleet's membership changes. Responses for a node or range the user
 * has already left are dropped.
 */
export const useNodeStore = defineStore('node', () => {
  const nodeId = ref<number | null>(null);
  /** Null when main knows no such node (or before the first answer; see `statusState`). */
  const status = shallowRef<NodeStatus | null>(null);
  const statusState = ref<LoadState>('idle');
  const statusError = ref<AppErrorShape | null>(null);
  const range = ref<HistoryRange>('24h');
  const series = shallowRef<Partial<Record<HistoryMetric, Series>>>({});
  const historyState = ref<LoadState>('idle');
  const historyError = ref<AppErrorShape | null>(null);
  /** Some metrics failed while others loaded: the charts show what came back and say so. */
  const historyPartial = ref(false);
  const events = shallowRef<readonly NodeEvent[]>([]);
  const eventsState = ref<LoadState>('idle');
  const eventsError = ref<AppErrorShape | null>(null);
  let historySeq = 0;
  let eventsSeq = 0;
  let statusSeq = 0;
  let unsubscribers: (() => void)[] = [];
  let lastDiff: Pick<FleetDiff, 'stream' | 'seq'> | null = null;

  const hasHistory = computed(() => Object.values(series.value).some((entry) => entry && entry.t.length > 0));

  function open(id: number): void {
    if (nodeId.value !== id) {
      nodeId.value = id;
      status.value = null;
      statusState.value = 'idle';
      series.value = {};
      events.value = [];
      historyState.value = 'idle';
      eventsState.value = 'idle';
    }
    void loadStatus();
    void loadHistory();
    void loadEvents();
  }

  async function loadStatus(): Promise<void> {
    const id = nodeId.value;
    if (id === null) return;
    const seq = ++statusSeq;
    if (statusState.value !== 'ready') statusState.value = 'loading';
    const result = await useClient().call('node:status', { nodeId: id });
    if (seq !== statusSeq) return;
    if (result.ok) {
      status.value = result.value;
      statusError.value = null;
      statusState.value = 'ready';
    } else {
      statusError.value = result.error;
      statusState.value = 'error';
    }
  }

  function onDiff(diff: FleetDiff): void {
    const missed = lastDiff !== null && (diff.stream !== lastDiff.stream || diff.seq !== lastDiff.seq + 1);
    lastDiff = { stream: diff.stream, seq: diff.seq };
    const id = nodeId.value;
    if (missed || diff.changed.some((change) => change.nodeId === id) || diff.removed.includes(id ?? -1)) void loadStatus();
  }

  /** Keeps the open node's status live until `unfollow`. */
  function follow(): void {
    if (unsubscribers.length) return;
    const client = useClient();
    lastDiff = null;
    unsubscribers = [client.on('fleet:onStatus', onDiff), client.on('fleet:onChanged', () => void loadStatus())];
  }

  function unfollow(): void {
    for (const unsubscribe of unsubscribers) unsubscribe();
    unsubscribers = [];
  }

  function setRange(next: HistoryRange): void {
    if (range.value === next) return;
    range.value = next;
    void loadHistory();
  }

  async function loadHistory(): Promise<void> {
    const id = nodeId.value;
    if (id === null) return;
    const seq = ++historySeq;
    historyState.value = 'loading';
    const toMs = Date.now();
    const fromMs = toMs - RANGE_MS[range.value];
    const client = useClient();
    const results = await Promise.all(CHART_METRICS.map((metric) => client.call('node:history', { nodeId: id, metric, fromMs, toMs })));
    if (seq !== historySeq) return;
    const next: Partial<Record<HistoryMetric, Series>> = {};
    let firstError: AppErrorShape | null = null;
    results.forEach((result, index) => {
      if (result.ok) next[CHART_METRICS[index]!] = result.value;
      else firstError ??= result.error;
    });
    series.value = next;
    historyPartial.value = firstError !== null && Object.keys(next).length > 0;
    historyError.value = firstError;
    historyState.value = Object.keys(next).length === 0 && firstError ? 'error' : 'ready';
  }

  async function loadEvents(limit = 200): Promise<void> {
    const id = nodeId.value;
    if (id === null) return;
    const seq = ++eventsSeq;
    if (eventsState.value !== 'ready') eventsState.value = 'loading';
    const result = await useClient().call('node:events', { nodeId: id, limit });
    if (seq !== eventsSeq) return;
    if (result.ok) {
      // Newest first, whatever order main used.
      events.value = [...result.value].sort((a, b) => b.at - a.at || b.id - a.id);
      eventsError.value = null;
      eventsState.value = 'ready';
    } else {
      eventsError.value = result.error;
      eventsState.value = 'error';
    }
  }

  return {
    nodeId,
    status,
    statusState,
    statusError,
    range,
    series,
    historyState,
    historyError,
    historyPartial,
    hasHistory,
    events,
    eventsState,
    eventsError,
    open,
    follow,
    unfollow,
    loadStatus,
    setRange,
    loadHistory,
    loadEvents,
  };
});
