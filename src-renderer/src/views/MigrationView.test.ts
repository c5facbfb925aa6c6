import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { MigrationBoard, NodeChecklist } from '../../../src-shared/contract';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { mountRoute, settle } from '../testkit/mount';

let wrapper: VueWrapper<unknown> | undefined;
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>evil</b>';
const window0 = { blocksSinceConfirm: 10, blocksToExpiry: 630, recommendedStart: 2_100_000, recommendedStartAt: 0, secondsToExpiry: 18_900 };

function board(): MigrationBoard {
  return {
    generatedAt: 0,
    fleet: { legacy: 1, arcane: 1, unknown: 0, arcaneSharePercent: 50 },
    byTag: [],
    rows: [
      { nodeId: 1, name: HOSTILE, tags: [], tier: 'CUMULUS', arcaneOS: false, category: 'hardware', blockingStep: { id: 'uefi', title: 'UEFI boot', state: 'failed', detail: `bad ${HOSTILE}` }, window: window0, forgonePnrUsd: 12.5, pnrKey: 'legacy', runStatus: null },
    ],
    pnr: { legacy: { value: 12.5, formula: '$1000 × 25% × 80% ÷ 16 ArcaneOS nodes', inputs: [] } },
    forgonePnrTotalUsd: 12.5,
  };
}

function checklist(): NodeChecklist {
  return {
    nodeId: 1, name: HOSTILE, arcaneOS: false, ready: false, window: window0, run: null, hardwareAt: 0, history: [],
    steps: [{ id: 'uefi', group: 'hardware', kind: 'auto', title: 'UEFI boot', why: 'needs UEFI', guide: 'https://docs.runonflux.com/', state: 'failed', detail: HOSTILE, at: 0, note: null }],
  };
}

describe('MigrationView', () => {
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('shows counts, the blocking step and forgone PNR, and renders hostile node text as text only', async () => {
    setClient(new FakeClient().handle('migration:board', () => ({ ok: true, value: board() })).handle('migration:check', () => ({ ok: true, value: checklist() })));
    ({ wrapper } = await mountRoute('/migration'));
    await settle(10);
    expect(byTestId('migration-count-arcane')!.textContent).toBe('1');
    expect(byTestId('migration-count-legacy')!.textContent).toBe('1');
    const row = byTestId('migration-row-1')!;
    expect(row.textContent).toContain(HOSTILE);
    expect(row.textContent).toContain('$12.50');
    expect(row.querySelector('img')).toBeNull();
    (byTestId('migration-open-1') as HTMLElement).click();
    await settle(10);
    const step = byTestId('migration-step-uefi')!;
    expect(step.textContent).toContain(HOSTILE);
    expect(document.querySelector('[data-testid="migration-checklist"] img, [data-testid="migration-checklist"] b')).toBeNull();
  });
});
