import { describe, expect, it } from 'vitest';
import { blankStatus } from '../../../src-shared/node-status';
import { loadChainParams } from '../chain/chain-params';
import { loadChecklist } from './checklist';
import { evaluateAutoSteps } from './evaluate-steps';

const HOSTILE = `<img src=x onerror=alert(1)>\u202e\u2066${'A'.repeat(400)}`;

describe('step details from what a node reported', () => {
  it('carry its IP, txid and bench status as one short line without bidi controls', () => {
    const status = blankStatus({ id: 1, name: 'n', host: '127.0.0.1', tags: [] });
    status.flux = { version: null, arcaneOS: true, uptimeSeconds: null };
    status.benchmark = { status: HOSTILE, cores: null, ramGb: null, ssdGb: null, eps: null, ddwrite: null, downloadMbps: null, uploadMbps: null, error: null, version: null };
    status.fluxnode = {
      status: 'CONFIRMED', tier: 'CUMULUS', txhash: HOSTILE, outidx: 0, amount: 1000, paymentAddress: null, ip: HOSTILE,
      addedHeight: 1, confirmedHeight: 2, lastConfirmedHeight: 2, lastPaidHeight: null, activeSince: null, lastPaid: null, rank: null,
    };
    const { verdicts } = evaluateAutoSteps({
      checklist: loadChecklist(), params: loadChainParams(), status, hardware: { kind: 'no-ssh' }, collateral: null,
      fleet: [status], height: 10, baseline: { startHeight: 1, txhash: 'ab'.repeat(32), outidx: 0, ip: '1.2.3.4' }, nowMs: 0,
    });
    for (const id of ['api-port', 'collateral', 'after-bench', 'after-collateral', 'after-ip'] as const) {
      const detail = verdicts[id]!.detail;
      expect(detail).toContain('<img src=x onerror=alert(1)>');
      expect(detail).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(detail.length).toBeLessThan(320);
    }
  });
});
