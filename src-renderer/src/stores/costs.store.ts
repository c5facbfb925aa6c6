import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CostsReport, OwnerView, PriceSource, PriceSourceView } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { useClient } from '../bridge';
import { fill, section } from './remote-section';

/** The UTC month of a time, `YYYY-MM`. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/** The Costs page (costs and drop losses per node, provider and owner), owners, and the FLUX price source. */
export const useCostsStore = defineStore('costs', () => {
  const report = section<CostsReport>();
  const owners = section<OwnerView[]>();
  const priceSource = section<PriceSourceView>();
  const month = ref(monthOf(Date.now()));

  const loadReport = () => fill(report, () => useClient().call('costs:report', { month: month.value }));
  const loadOwners = () => fill(owners, () => useClient().call('owners:list', {}));
  const loadPriceSource = () => fill(priceSource, () => useClient().call('costs:priceSource', {}));

  async function setMonth(next: string): Promise<void> {
    month.value = next;
    await loadReport();
  }

  async function saveOwner(name: string, edit: { note?: string; addresses?: string[] }): Promise<Result<OwnerView>> {
    const result = await useClient().call('owners:save', { name, ...edit });
    if (result.ok) await loadOwners();
    return result;
  }

  function statementCsv(owner: string): Promise<Result<{ filename: string; csv: string; rows: number }>> {
    return useClient().call('costs:statementCsv', { owner, month: month.value });
  }

  async function savePriceSource(update: Partial<PriceSource>): Promise<Result<PriceSourceView>> {
    const result = await useClient().call('costs:savePriceSource', update);
    if (result.ok) priceSource.data.value = result.value;
    return result;
  }

  async function refreshPrice(): Promise<Result<PriceSourceView>> {
    const result = await useClient().call('costs:refreshPrice', {});
    if (result.ok) priceSource.data.value = result.value;
    else await loadPriceSource();
    return result;
  }

  return {
    report: report.data,
    reportLoading: report.loading,
    reportError: report.error,
    owners: owners.data,
    ownersError: owners.error,
    priceSource: priceSource.data,
    priceSourceError: priceSource.error,
    month,
    loadReport,
    loadOwners,
    loadPriceSource,
    setMonth,
    saveOwner,
    statementCsv,
    savePriceSource,
    refreshPrice,
  };
});
