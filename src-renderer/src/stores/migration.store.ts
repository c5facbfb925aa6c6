import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BoardCategory, MigrationBoard, NodeChecklist } from '../../../src-shared/contract';
import { useClient } from '../bridge';
import { fill, section } from './remote-section';

export type BoardFilter = 'all' | Extract<BoardCategory, 'ready' | 'hardware' | 'timing'>;

/** The Migration page: the fleet board and one node's checklist/run. */
export const useMigrationStore = defineStore('migration', () => {
  const board = section<MigrationBoard>();
  const checklist = section<NodeChecklist>();
  const selected = ref<number | null>(null);
  const filter = ref<BoardFilter>('all');
  let unsubscribe: (() => void) | undefined;

  // Many nodes change at once (a poll round reading hardware): one board load runs, one more follows.
  let boardLoad: Promise<void> | null = null;
  let boardAgain = false;
  function loadBoard(): Promise<void> {
    if (boardLoad) {
      boardAgain = true;
      return boardLoad;
    }
    boardLoad = (async () => {
      do {
        boardAgain = false;
        await fill(board, () => useClient().call('migration:board', {}));
      } while (boardAgain);
    })().finally(() => (boardLoad = null));
    return boardLoad;
  }
  const loadChecklist = (nodeId: number, refreshHardware = false) => fill(checklist, () => useClient().call('migration:check', { nodeId, refreshHardware }));

  async function open(): Promise<void> {
    unsubscribe ??= useClient().on('migration:onChanged', ({ nodeIds }) => {
      void loadBoard();
      if (selected.value !== null && nodeIds.includes(selected.value)) void loadChecklist(selected.value);
    });
    await loadBoard();
  }

  async function select(nodeId: number | null): Promise<void> {
    selected.value = nodeId;
    if (nodeId !== null) await loadChecklist(nodeId);
  }

  async function act(call: () => ReturnType<ReturnType<typeof useClient>['call']>): Promise<void> {
    await fill(checklist, call as () => Promise<never>);
    await loadBoard();
  }

  const start = (nodeId: number) => act(() => useClient().call('migration:start', { nodeId }));
  const rerun = (nodeId: number) => act(() => useClient().call('migration:rerun', { nodeId }));
  const cancel = (nodeId: number) => act(() => useClient().call('migration:cancel', { nodeId }));
  const confirmStep = (nodeId: number, stepId: string, note: string) => act(() => useClient().call('migration:confirmStep', { nodeId, stepId, note }));

  function close(): void {
    unsubscribe?.();
    unsubscribe = undefined;
  }

  return { board, checklist, selected, filter, open, close, select, loadBoard, start, rerun, cancel, confirmStep };
});
