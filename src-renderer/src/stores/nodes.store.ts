import { defineStore } from 'pinia';
import { shallowRef, ref } from 'vue';
import type { AddNodeInput, ChannelInput, DiscoverInput, DiscoverPlan, DiscoverResult, ImportFormat, ImportPlan, ImportResult, NodePatch, NodeRecord } from '../../../src-shared/contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';

/** Registered nodes, kept fresh by `fleet:onChanged` pushes from main. */
export const useNodesStore = defineStore('nodes', () => {
  // shallowRef: the list is replaced whole, never mutated in place, so deep reactivity is wasted work.
  const nodes = shallowRef<NodeRecord[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<AppErrorShape | null>(null);
  /**
   * Counts the changes this window made (add, remove, import, edit, …), each followed by a fresh
   * list: views that derive from the fleet follow them without waiting for main's push. Loading
   * the list (at start, on a push) does not count: nothing changed that the fleet does not know.
   */
  const changes = ref(0);
  let unsubscribe: (() => void) | undefined;

  async function load(): Promise<void> {
    loading.value = true;
    const result = await useClient().call('nodes:list', {});
    loading.value = false;
    if (result.ok) {
      nodes.value = result.value;
      error.value = null;
      loaded.value = true;
    } else error.value = result.error;
  }

  async function reloadAfterChange(): Promise<void> {
    await load();
    changes.value++;
  }

  /** Loads once and follows fleet changes made anywhere (another window, the CLI via serve). */
  function start(): void {
    unsubscribe ??= useClient().on('fleet:onChanged', () => void load());
    void load();
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
  }

  async function add(input: AddNodeInput): Promise<Result<NodeRecord>> {
    const result = await useClient().call('nodes:add', input);
    if (result.ok) await reloadAfterChange();
    return result;
  }

  async function remove(id: number): Promise<Result<{ removed: NodeRecord }>> {
    const result = await useClient().call('nodes:remove', { id });
    if (result.ok) await reloadAfterChange();
    return result;
  }

  /** What importing a file's text would do (main parses it; nothing is written). */
  function previewImport(text: string, format?: ImportFormat): Promise<Result<ImportPlan>> {
    return useClient().call('nodes:importPreview', { text, ...(format ? { format } : {}) });
  }

  /** What discovering a wallet's or Flux ID's nodes would add (main asks the public API; nothing is written). */
  function previewDiscover(input: DiscoverInput): Promise<Result<DiscoverPlan>> {
    return useClient().call('nodes:discoverPreview', input);
  }

  async function discover(input: DiscoverInput): Promise<Result<DiscoverResult>> {
    const result = await useClient().call('nodes:discover', input);
    if (result.ok) await reloadAfterChange();
    return result;
  }

  /** Imports a file's text in one transaction (nodes, owners, pins, revocations). */
  async function importFile(text: string, options: { format?: ImportFormat; setPublicApi?: boolean } = {}): Promise<Result<ImportResult>> {
    const result = await useClient().call('nodes:import', { text, ...(options.format ? { format: options.format } : {}), setPublicApi: options.setPublicApi ?? false });
    if (result.ok) await reloadAfterChange();
    return result;
  }

  async function update(id: number, patch: NodePatch): Promise<Result<NodeRecord>> {
    const result = await useClient().call('nodes:update', { id, patch });
    if (result.ok) await reloadAfterChange();
    return result;
  }

  /** Bulk tags/owner/provider; `canUndo` until the next bulk change is undone. */
  const canUndo = ref(false);
  async function bulkUpdate(input: ChannelInput<'nodes:bulkUpdate'>): Promise<Result<{ changed: number }>> {
    const result = await useClient().call('nodes:bulkUpdate', input);
    if (result.ok) {
      canUndo.value = true;
      await reloadAfterChange();
    }
    return result;
  }

  async function undoBulk(): Promise<Result<{ restored: number }>> {
    const result = await useClient().call('nodes:undoBulk', {});
    canUndo.value = false;
    if (result.ok) await reloadAfterChange();
    return result;
  }

  return { nodes, loading, loaded, error, changes, start, stop, load, add, remove, previewImport, importFile, previewDiscover, discover, update, bulkUpdate, undoBulk, canUndo };
});
