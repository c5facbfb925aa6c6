import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { RewardsOverview } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { mountRoute, settle } from '../testkit/mount';
import { ledgerFixture, monthlyFixture, overviewFixture, settingsFixture } from '../testkit/rewards-fixtures';

let wrapper: VueWrapper<unknown> | undefined;

type OverviewAnswer = Result<RewardsOverview> | Promise<never>;

function client(overview: () => OverviewAnswer = () => ({ ok: true, value: overviewFixture() })): FakeClient {
  const fake = new FakeClient()
    .handle('rewards:overview', () => overview())
    .handle('rewards:ledger', () => ({ ok: true, value: ledgerFixture() }))
    .handle('rewards:monthly', () => ({ ok: true, value: monthlyFixture() }))
    .handle('rewards:settings', () => ({ ok: true, value: settingsFixture() }))
    .handle('rewards:saveSettings', () => ({ ok: true, value: { ...settingsFixture(), fluxPriceUsd: 0.5 } }))
    .handle('rewards:exportCsv', () => ({ ok: true, value: { filename: 'fluxdeck-payments-2026-03-15.csv', csv: 'date_utc\r\n', rows: 2 } }));
  setClient(fake);
  return fake;
}

async function open(): Promise<void> {
  ({ wrapper } = await mountRoute('/rewards'));
  await settle(10);
}

const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const all = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`);

describe('RewardsView', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.restoreAllMocks();
  });

  it('shows fleet figures, node rows, the next cut and payments', async () => {
    client();
    await open();
    expect(byTestId('rewards-view')).not.toBeNull();
    expect(byTestId('rewards-fleet-month')!.textContent).toBe('129.60 FLUX');
    expect(all('rewards-node-row')).toHaveLength(2);
    expect(all('rewards-node-row')[1]!.textContent).toContain('only confirmed nodes are paid');
    expect(byTestId('rewards-cut')!.textContent).toContain('block 3071200');
    expect(all('later-cut')).toHaveLength(1);
    expect(all('next-payment')).toHaveLength(1);
    expect(byTestId('rewards-counts-missing')!.textContent).toContain('STRATUS');
    expect(all('monthly-bar')).toHaveLength(2);
  });

  it('explains a figure: formula, inputs and their sources, flagging user overrides', async () => {
    client();
    await open();
    (byTestId('explain-fleet-month') as HTMLElement).click();
    await settle(5);
    const body = byTestId('explain-body-fleet-month')!;
    expect(body.textContent).toContain('CUMULUS 1 × 86.4 + NIMBUS 1 × 43.2 = 129.6 FLUX/month');
    expect(body.textContent).toContain('user override');
    expect(byTestId('explain-override')).not.toBeNull();
  });

  it('lists the ledger and exports the filtered CSV as a file download', async () => {
    const fake = client();
    await open();
    expect(byTestId('ledger-table')).not.toBeNull();
    expect(all('ledger-row')).toHaveLength(2);
    expect(all('ledger-row')[0]!.textContent).toContain('3.50000000 FLUX');
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    (byTestId('export-csv') as HTMLElement).click();
    await settle(5);
    expect(fake.callsTo('rewards:exportCsv')).toEqual([{}]);
    expect(clicked).toEqual([expect.objectContaining({ download: 'fluxdeck-payments-2026-03-15.csv' })]);
    expect(clicked[0]!.href).toMatch(/^blob:/);
  });

  it('shows an error state with a retry, and an empty state for a fleet without nodes', async () => {
    client(() => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'main is down' } }));
    await open();
    expect(byTestId('rewards-error')!.textContent).toContain('main is down');
    wrapper?.unmount();

    client(() => ({ ok: true, value: overviewFixture({ nodes: [], nextPayments: [] }) }));
    await open();
    expect(byTestId('rewards-empty')).not.toBeNull();
    expect(byTestId('next-payments-empty')).not.toBeNull();
  });

  it('shows a loading state until the overview arrives', async () => {
    client(() => new Promise<never>(() => undefined));
    await open();
    expect(byTestId('rewards-loading')).not.toBeNull();
  });
});
