import { defineStore } from 'pinia';
import { shallowRef, ref } from 'vue';
import type { AddNodeInput, ImportReport, NodeRecord } from '../../../src-shared/contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';

/** Registered nodes, kept fresh by `fleet:onChanged` pushes from main. */
export const useNodesStore = defineStore('nodes', () => {
  // shallowRef: the list is replaced whole, never mutated in place, so deep reactivity is wasted work.
  const nodes = shallowRef<NodeRecord[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<AppErrorShape | null>(null);
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
    if (result.ok) await load();
    return result;
  }

  async function remove(id: number): Promise<Result<{ removed: NodeRecord }>> {
    const result = await useClient().call('nodes:remove', { id });
    if (result.ok) await load();
    return result;
  }

  /** Registers an inventory document (parsed JSON); main validates it and pins its host keys. */
  async function importInventory(inventory: unknown): Promise<Result<ImportReport>> {
    const result = await useClient().call('nodes:import', { inventory });
    if (result.ok) await load();
    return result;
  }

  return { nodes, loading, loaded, error, start, stop, load, add, remove, importInventory };
});
