import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { ActionCatalog, ActionPreview, ActionRequest, ActionRun } from '../../../src-shared/contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';

/** What a window keeps of a node's streamed output: the largest log choice and its commands. */
const MAX_LIVE_LINES = 1_100;

/** Maintenance actions: the catalogue, the preview before a run, live runs and the audit log. */
export const useActionsStore = defineStore('actions', () => {
  const catalog = ref<ActionCatalog | null>(null);
  /** Audit entries, newest first (fleet-wide or for `logNodeId`). */
  const log = ref<ActionRun[]>([]);
  const logNodeId = ref<number | undefined>(undefined);
  const error = ref<AppErrorShape | null>(null);
  /** The latest state of each run this window started or saw progress for. */
  const live = ref(new Map<number, ActionRun>());
  /** Lines streamed while a node runs, per `runId:nodeId`; the last MAX_LIVE_LINES are kept. */
  const streamed = shallowRef(new Map<string, string[]>());
  let unsubscribe: (() => void) | undefined;
  let unsubscribeOutput: (() => void) | undefined;

  async function loadCatalog(): Promise<void> {
    if (catalog.value) return;
    const result = await useClient().call('actions:catalog', {});
    if (result.ok) catalog.value = result.value;
    else error.value = result.error;
  }

  async function loadLog(nodeId?: number): Promise<void> {
    logNodeId.value = nodeId;
    const result = await useClient().call('actions:log', { nodeId, limit: 100 });
    if (result.ok) log.value = result.value;
    else error.value = result.error;
  }

  function follow(): void {
    unsubscribeOutput ??= useClient().on('actions:onOutput', ({ runId, nodeId, lines }) => {
      const key = `${runId}:${nodeId}`;
      const kept = [...(streamed.value.get(key) ?? []), ...lines];
      streamed.value.set(key, kept.length > MAX_LIVE_LINES ? kept.slice(-MAX_LIVE_LINES) : kept);
      triggerRef(streamed);
    });
    unsubscribe ??= useClient().on('actions:onProgress', ({ run }) => {
      live.value = new Map(live.value).set(run.id, run);
      const touches = logNodeId.value === undefined || run.results.some((r) => r.nodeId === logNodeId.value);
      if (!touches) return;
      const index = log.value.findIndex((entry) => entry.id === run.id);
      log.value = index >= 0 ? log.value.map((entry) => (entry.id === run.id ? run : entry)) : [run, ...log.value];
    });
  }

  function unfollow(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    unsubscribeOutput?.();
    unsubscribeOutput = undefined;
  }

  function streamedLines(runId: number, nodeId: number): readonly string[] {
    return streamed.value.get(`${runId}:${nodeId}`) ?? [];
  }

  function preview(request: ActionRequest): Promise<Result<ActionPreview>> {
    return useClient().call('actions:preview', request);
  }

  async function run(request: ActionRequest): Promise<Result<ActionRun>> {
    follow();
    const result = await useClient().call('actions:run', request);
    if (result.ok && !live.value.has(result.value.id)) live.value = new Map(live.value).set(result.value.id, result.value);
    return result;
  }

  return { catalog, log, error, live, streamed, streamedLines, loadCatalog, loadLog, follow, unfollow, preview, run };
});
