import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppsInventory, NodeApps, OwnedApps, Placement } from '../../../src-shared/contract/apps.contract';
import { useClient } from '../bridge';

/** The Apps page (inventory, wallets, placement, owned apps) and the node page's app details. */
export const useAppsStore = defineStore('apps', () => {
  const inventory = shallowRef<AppsInventory | null>(null);
  const placement = shallowRef<Placement | null>(null);
  const owned = shallowRef<OwnedApps | null>(null);
  const nodeApps = shallowRef<NodeApps | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  const shareLimit = ref(0.5);
  /** When the inventory last arrived (ms), null before the first load. */
  const loadedAt = ref<number | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const client = useClient();
    const [list, place] = await Promise.all([client.call('apps:list', {}), client.call('apps:placement', { shareLimit: shareLimit.value })]);
    // A fleet's inventory is megabytes of JSON: the page renders it in the task after the one that parsed it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    loading.value = false;
    if (list.ok) {
      inventory.value = list.value;
      loadedAt.value = Date.now();
    }
    if (place.ok) placement.value = place.value;
    error.value = !list.ok ? list.error.message : !place.ok ? place.error.message : null;
  }

  async function loadOwned(owner: string): Promise<void> {
    const result = await useClient().call('apps:owned', { owner });
    if (result.ok) {
      owned.value = result.value;
      error.value = null;
    } else error.value = result.error.message;
  }

  async function loadNode(nodeId: number): Promise<void> {
    const result = await useClient().call('apps:node', { nodeId });
    if (result.ok) nodeApps.value = result.value;
  }

  return { inventory, placement, owned, nodeApps, error, loading, shareLimit, loadedAt, load, loadOwned, loadNode };
});
