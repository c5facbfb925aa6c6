import { defineStore } from 'pinia';
import type { CollateralOverview } from '../../../src-shared/contract';
import { useClient } from '../bridge';
import { fill, section } from './remote-section';

/** The Collateral page: every node's outpoint and verdict, refreshed when collateral or settings change. */
export const useCollateralStore = defineStore('collateral', () => {
  const collateral = section<CollateralOverview>();
  let unsubscribe: (() => void) | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const loadCollateral = () => fill(collateral, () => useClient().call('collateral:overview', {}));

  /** Follows `rewards:onChanged`; a burst of collateral pushes refreshes once. */
  function start(): void {
    unsubscribe ??= useClient().on('rewards:onChanged', (change) => {
      if (change.reason === 'payments' || refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void loadCollateral();
      }, 1000);
    });
    void loadCollateral();
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    if (refreshTimer !== undefined) clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }

  return { collateral: collateral.data, collateralLoading: collateral.loading, collateralError: collateral.error, start, stop, loadCollateral };
});
