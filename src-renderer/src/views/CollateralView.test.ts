import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { mountRoute, settle } from '../testkit/mount';
import { collateralFixture, settingsFixture } from '../testkit/rewards-fixtures';

let wrapper: VueWrapper<unknown> | undefined;
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const all = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`);

function client(ok = true): FakeClient {
  const fake = new FakeClient()
    .handle('collateral:overview', () => (ok ? { ok: true, value: collateralFixture() } : { ok: false, error: { code: 'INTERNAL', message: 'boom' } }))
    .handle('rewards:settings', () => ({ ok: true, value: settingsFixture() }));
  setClient(fake);
  return fake;
}

describe('CollateralView', () => {
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('lists outpoints, amounts, tiers, confirmations and spent state with the fleet total', async () => {
    client();
    ({ wrapper } = await mountRoute('/collateral'));
    await settle(10);
    expect(byTestId('collateral-view')).not.toBeNull();
    const rows = all('collateral-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('unspent');
    expect(rows[0]!.textContent).toContain('500');
    expect(rows[1]!.textContent).toContain('SPENT');
    expect(rows[1]!.textContent).toContain('reports STRATUS · amount implies NIMBUS');
    expect(rows[1]!.querySelector('[data-testid="collateral-problem-COLLATERAL_SPENT"]')).not.toBeNull();
    expect(byTestId('collateral-total')!.textContent).toBe('1,000 FLUX');
    expect(byTestId('collateral-flagged')!.textContent).toContain('1 node with a collateral problem');
    (byTestId('explain-collateral-total') as HTMLElement).click();
    await settle(5);
    expect(byTestId('explain-body-collateral-total')!.textContent).toContain('CUMULUS 1 nodes 1000 FLUX');
  });

  it('shows an error state', async () => {
    client(false);
    ({ wrapper } = await mountRoute('/collateral'));
    await settle(10);
    expect(byTestId('collateral-error')!.textContent).toContain('boom');
  });
});
