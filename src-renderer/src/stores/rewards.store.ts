import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  LedgerFilter,
  LedgerResult,
  MonthlyReport,
  RewardsOverview,
  RewardsSettings,
  RewardsSettingsView,
} from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { useClient } from '../bridge';
import { fill, section } from './remote-section';

export type MonthlyGroupBy = MonthlyReport['groupBy'];

/** The Rewards page: overview, ledger (with filters), monthly totals, settings. */
export const useRewardsStore = defineStore('rewards', () => {
  const overview = section<RewardsOverview>();
  const ledger = section<LedgerResult>();
  const monthly = section<MonthlyReport>();
  const settings = section<RewardsSettingsView>();
  const filter = ref<LedgerFilter>({});
  const groupBy = ref<MonthlyGroupBy>('fleet');
  let unsubscribe: (() => void) | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const loadOverview = () => fill(overview, () => useClient().call('rewards:overview', {}));
  const loadLedger = () => fill(ledger, () => useClient().call('rewards:ledger', { ...filter.value, limit: 2000 }));
  const loadMonthly = () => fill(monthly, () => useClient().call('rewards:monthly', { groupBy: groupBy.value }));
  const loadSettings = () => fill(settings, () => useClient().call('rewards:settings', {}));

  async function loadRewardsPage(): Promise<void> {
    await Promise.all([loadOverview(), loadLedger(), loadMonthly(), loadSettings()]);
  }

  async function setFilter(next: LedgerFilter): Promise<void> {
    filter.value = { ...next };
    await loadLedger();
  }

  async function setGroupBy(next: MonthlyGroupBy): Promise<void> {
    groupBy.value = next;
    await loadMonthly();
  }

  async function saveSettings(update: Partial<RewardsSettings>): Promise<Result<RewardsSettingsView>> {
    const result = await useClient().call('rewards:saveSettings', update);
    if (result.ok) {
      settings.data.value = result.value;
      await Promise.all([loadOverview(), loadLedger(), loadMonthly()]);
    }
    return result;
  }

  /** CSV of the ledger with the current filters. */
  function exportCsv(): Promise<Result<{ filename: string; csv: string; rows: number }>> {
    return useClient().call('rewards:exportCsv', { ...filter.value });
  }

  let pending = new Set<string>();
  let overviewLoadedAt = 0;

  /** What a burst of `rewards:onChanged` reasons needs reloaded (the overview is large: at most once a minute for payments). */
  function refreshFor(reasons: Set<string>): void {
    const all = reasons.has('settings');
    const overviewDue = Date.now() - overviewLoadedAt > 60_000;
    if (overview.data.value && (all || reasons.has('collateral') || (reasons.has('payments') && overviewDue))) {
      overviewLoadedAt = Date.now();
      void loadOverview();
    }
    if (ledger.data.value && (all || reasons.has('payments'))) void loadLedger();
    if (monthly.data.value && (all || reasons.has('payments'))) void loadMonthly();
  }

  /** Follows `rewards:onChanged`; a burst of pushes (one per paid node) refreshes once. */
  function start(): void {
    unsubscribe ??= useClient().on('rewards:onChanged', (change) => {
      pending.add(change.reason);
      if (refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        const reasons = pending;
        pending = new Set();
        refreshFor(reasons);
      }, 1000);
    });
    overviewLoadedAt = Date.now();
    void loadRewardsPage();
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    if (refreshTimer !== undefined) clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }

  return {
    overview: overview.data,
    overviewLoading: overview.loading,
    overviewError: overview.error,
    ledger: ledger.data,
    ledgerLoading: ledger.loading,
    ledgerError: ledger.error,
    monthly: monthly.data,
    monthlyLoading: monthly.loading,
    monthlyError: monthly.error,
    settings: settings.data,
    settingsError: settings.error,
    filter,
    groupBy,
    start,
    stop,
    loadOverview,
    loadLedger,
    loadMonthly,
    loadSettings,
    loadRewardsPage,
    setFilter,
    setGroupBy,
    saveSettings,
    exportCsv,
  };
});
