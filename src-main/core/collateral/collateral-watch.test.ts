import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChainParams } from '../chain/chain-params';
import { addNodes, nodeStatus, openLedgerDb, TXID } from '../../testkit/rewards';
import type { Db } from '../store/database';
import { makeTempDir } from '../../testkit/temp-dir';
import { COLLATERAL_SPENT, COLLATERAL_TIER_MISMATCH, CollateralWatch, type CollateralEvent } from './collateral-watch';
import { OutPointError } from './outpoint';
import { gettxoutCommand, sshTxOutFetcher, type RemoteOutput } from './ssh-gettxout';

const params = loadChainParams();
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let id: number;

beforeEach(() => {
  temp = makeTempDir('fluxdeck-collateral-');
  db = openLedgerDb(temp.dir);
  [id] = addNodes(db, [{ name: 'alpha' }]) as [number];
});

afterEach(() => {
  db.close();
  temp.cleanup();
});

const unspentJson = (confirmations: number, value = 1000) =>
  JSON.stringify({ bestblock: 'ab'.repeat(32), confirmations, value, scriptPubKey: { type: 'pubkeyhash', addresses: ['t1abc'] }, coinbase: false });

/** A fake SSH exec: answers gettxout from `answer`, records commands. */
function fakeExec(answer: { current: RemoteOutput | null }) {
  const commands: string[] = [];
  const exec = (_nodeId: number, command: string) => {
    commands.push(command);
    return Promise.resolve(answer.current);
  };
  return { exec, commands };
}

function setup(answer: { current: RemoteOutput | null }) {
  const clock = { now: 1_800_000_000_000 };
  const events: CollateralEvent[] = [];
  const { exec, commands } = fakeExec(answer);
  const make = () =>
    new CollateralWatch(db, { params: () => params, fetchTxOut: sshTxOutFetcher(exec), onEvent: (e) => events.push(e), now: () => clock.now });
  return { clock, events, commands, make };
}

describe('CollateralWatch', () => {
  it('flags a tier the collateral amount does not imply, from reported values alone', () => {
    const watch = new CollateralWatch(db, { params: () => params });
    watch.observe(undefined, nodeStatus(id, 2_200_000, { tier: 'NIMBUS', amount: 1000 }));
    const state = watch.state(id)!;
    expect(state.verdict).toMatchObject({ impliedTier: 'CUMULUS', reportedTier: 'NIMBUS', mismatch: true, unspent: null });
    expect(watch.problems(id).map((p) => [p.code, p.severity])).toEqual([[COLLATERAL_TIER_MISMATCH, 'warning']]);
  });

  it('checks gettxout at most every 10 minutes and reports confirmations', async () => {
    const answer = { current: { stdout: unspentJson(250), stderr: '', code: 0 } as RemoteOutput | null };
    const { clock, commands, make } = setup(answer);
    const watch = make();
    const status = nodeStatus(id, 2_200_000);
    watch.observe(undefined, status);
    watch.observe(status, status);
    await watch.idle();
    expect(commands).toEqual([`flux-cli gettxout ${TXID} ${id}`]);
    expect(watch.state(id)!.verdict).toMatchObject({ unspent: true, confirmations: 250, impliedTier: 'CUMULUS', mismatch: false });
    clock.now += 10 * 60_000;
    watch.observe(status, status);
    await watch.idle();
    expect(commands).toHaveLength(2);
  });

  it('raises COLLATERAL_SPENT once when an unspent output disappears, and remembers it after a restart', async () => {
    const answer = { current: { stdout: unspentJson(300), stderr: '', code: 0 } as RemoteOutput | null };
    const { clock, events, make } = setup(answer);
    const watch = make();
    const status = nodeStatus(id, 2_200_000);
    watch.observe(undefined, status);
    await watch.idle();
    answer.current = { stdout: '', stderr: '', code: 0 };
    for (let i = 0; i < 3; i++) {
      clock.now += 11 * 60_000;
      watch.observe(status, status);
      await watch.idle();
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ nodeId: id, kind: 'collateral_spent', severity: 'critical' });
    expect(watch.problems(id).map((p) => p.code)).toContain(COLLATERAL_SPENT);

    const restarted = make();
    restarted.observe(undefined, status);
    await restarted.idle();
    expect(restarted.problems(id)[0]).toMatchObject({ code: COLLATERAL_SPENT, severity: 'critical' });
    expect(events).toHaveLength(1);
  });

  it('does not call an output spent that was never seen unspent (likely a wrong txid)', async () => {
    const { events, make } = setup({ current: { stdout: '', stderr: '', code: 0 } });
    const watch = make();
    watch.observe(undefined, nodeStatus(id, 2_200_000));
    await watch.idle();
    expect(events).toEqual([]);
    expect(watch.state(id)!.verdict!.problems.map((p) => p.code)).toContain('SPENT_OR_UNKNOWN');
    expect(watch.problems(id)).toEqual([]);
  });

  it('treats a node turning expired without its collateral as spent', () => {
    const events: CollateralEvent[] = [];
    const watch = new CollateralWatch(db, { params: () => params, onEvent: (e) => events.push(e) });
    const before = nodeStatus(id, 2_200_000);
    watch.observe(undefined, before);
    const expired = nodeStatus(id, 2_200_700, { status: 'EXPIRED', txhash: null, outidx: null, tier: null, amount: null });
    watch.observe(before, expired);
    watch.observe(expired, expired);
    expect(events).toHaveLength(1);
    expect(events[0]!.message).toContain('no collateral');
    // A new collateral clears it.
    watch.observe(expired, nodeStatus(id, 2_201_000, { txhash: 'ee'.repeat(32), outidx: 0 }));
    expect(watch.problems(id)).toEqual([]);
  });

  it('skips nodes that cannot be asked and survives a failing transport', async () => {
    const { commands, events, make } = setup({ current: null });
    const watch = make();
    watch.observe(undefined, nodeStatus(id, 2_200_000));
    await watch.idle();
    expect(commands).toHaveLength(1);
    // ArcaneOS: never asked over SSH at all.
    const arcane = make();
    arcane.forget(id);
    arcane.observe(undefined, nodeStatus(id, 2_200_000, {}, { flux: { version: '7', arcaneOS: true, uptimeSeconds: 1 } }));
    await arcane.idle();
    expect(commands).toHaveLength(1);
    expect(watch.state(id)!.method).toBe('reported');
    const failing = new CollateralWatch(db, { params: () => params, fetchTxOut: () => Promise.reject(new Error('ECONNRESET')) });
    failing.observe(undefined, nodeStatus(id, 2_200_000));
    await failing.idle();
    expect(failing.state(id)!.verdict!.unspent).toBeNull();
    expect(events).toEqual([]);
  });

  it('maps a failing flux-cli to an invalid result and never builds a command from hostile text', async () => {
    const fetch = sshTxOutFetcher(() => Promise.resolve({ stdout: '', stderr: '\u001b[31merror code: -8\u001b[0m\nmore', code: 1 }));
    expect(await fetch(1, { txid: TXID, n: 0 })).toEqual({ kind: 'invalid', reason: 'flux-cli gettxout exited 1: error code: -8' });
    expect(() => gettxoutCommand({ txid: `${'a'.repeat(63)};`, n: 0 })).toThrow(OutPointError);
    expect(() => gettxoutCommand({ txid: TXID, n: -1 })).toThrow(OutPointError);
  });
});
