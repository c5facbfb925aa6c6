import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SshCheck } from '../../../src-shared/contract';
import type { AppErrorShape } from '../../../src-shared/result';
import { useClient } from '../bridge';

/** The SSH connection check and host-key decisions for one node at a time. */
export const useHostKeysStore = defineStore('hostkeys', () => {
  const nodeId = ref<number | null>(null);
  const checking = ref(false);
  const check = ref<SshCheck | null>(null);
  const error = ref<AppErrorShape | null>(null);

  async function run(id: number): Promise<void> {
    nodeId.value = id;
    checking.value = true;
    check.value = null;
    error.value = null;
    const result = await useClient().call('nodes:checkSsh', { id });
    checking.value = false;
    if (result.ok) check.value = result.value;
    else error.value = result.error;
  }

  /**
   * Pins the key the check showed (main accepts only a key the node really presented), then checks
   * again so the user sees the connection work. A changed key also names the pin it replaces.
   */
  async function trust(keyType: string, fingerprint: string, previousFingerprint?: string): Promise<void> {
    if (nodeId.value === null) return;
    const input = previousFingerprint === undefined ? { id: nodeId.value, keyType, fingerprint } : { id: nodeId.value, keyType, fingerprint, previousFingerprint };
    const result = await useClient().call('hostkeys:trust', input);
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    await run(nodeId.value);
  }

  function reset(): void {
    nodeId.value = null;
    check.value = null;
    error.value = null;
  }

  return { nodeId, checking, check, error, run, trust, reset };
});
