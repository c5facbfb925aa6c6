import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import { rewardsChannels } from '../../../src-shared/contract/rewards.contract';
import { createDispatcher, type Handlers } from '../contract-server/dispatcher';
import { AppError } from '../errors';
import { PublicApiClient } from '../fluxos/fluxos-client';
import { startFakeFluxos, success, type FakeFluxos } from '../../testkit/fake-fluxos';
import { SettingsRepo } from '../store/settings.repo';
import type { Db } from '../store/database';
import { makeTempDir } from '../../testkit/temp-dir';
import type { CapabilityHandlers } from '../capability';
import { createCollateralModule, type CollateralModule } from '../collateral/collateral.module';
import { callHandler } from '../../testkit/handlers';
import { createRewardsModule, type RewardsChanged, type RewardsModule } from './rewards.module';
import { addNodes, nodeStatus, openLedgerDb } from '../../testkit/rewards';

const ctx = { clientId: 'test' };
const NOW = Date.parse('2026-03-15T12:00:00Z');
const HEIGHT = 2_200_000;

let api: FakeFluxos;
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let ids: number[];
let statuses: NodeStatus[];
let changes: RewardsChanged[];
let client: PublicApiClient | null;

beforeAll(async () => {
  api = await startFakeFluxos();
});
afterAll(async () => {
  await api.close();
});

beforeEach(() => {
  temp = makeTempDir('fluxdeck-rewards-h-');
  db = openLedgerDb(temp.dir);
  ids = addNodes(db, [{ name: 'alpha', tags: ['eu'] }, { name: 'beta', tags: ['eu', 'big'] }, { name: '=HYPERLINK("x")', tags: ['us'] }]);
  api.requests.length = 0;
  api.replies.set('/daemon/getfluxnodecount', success({ total: 8500, stable: 8500, 'cumulus-enabled': 5000, 'nimbus-enabled': 1500, 'stratus-enabled': 2000 }));
  client = new PublicApiClient(`http://127.0.0.1:${api.port}`, { timeoutMs: 5000 });
  const [a, b, c] = ids as [number, number, number];
  statuses = [
    nodeStatus(a, HEIGHT, { tier: 'CUMULUS', rank: 10, lastPaidHeight: 2_199_000 }, { name: 'alpha', tags: ['eu'], lastPolledAt: NOW, flux: { version: '7', arcaneOS: true, uptimeSeconds: 1 }, apps: [{ name: 'web', image: null, state: 'running', ports: '' }] }),
    nodeStatus(b, HEIGHT, { tier: 'NIMBUS', amount: 12500, rank: 2, lastPaidHeight: 2_199_500 }, { name: 'beta', tags: ['eu', 'big'], lastPolledAt: NOW }),
    nodeStatus(c, HEIGHT, { tier: 'CUMULUS', status: 'DOS' }, { name: '=HYPERLINK("x")', tags: ['us'], lastPolledAt: NOW }),
  ];
  changes = [];
});

afterEach(() => {
  client?.close();
  db.close();
  temp.cleanup();
});

function build(): { module: RewardsModule; collateral: CollateralModule; handlers: CapabilityHandlers } {
  const module = createRewardsModule({
    db,
    settings: new SettingsRepo(db),
    latestStatuses: () => statuses,
    publicApi: () => client,
    clock: { now: () => NOW },
    onChanged: (c) => changes.push(c),
  });
  const collateral = createCollateralModule({
    db,
    params: () => module.settings.chainParams(),
    priceUsd: () => module.settings.get().fluxPriceUsd,
    latestStatuses: () => statuses,
    clock: { now: () => NOW },
  });
  return { module, collateral, handlers: { ...module.handlers, ...collateral.handlers } };
}

const call = callHandler;

describe('rewards handlers', () => {
  it('explains fleet and per-node earnings from getfluxnodecount, cached between calls', async () => {
    const { handlers } = build();
    const o = await call(handlers, 'rewards:overview', {});
    expect(o.height.value).toBe(HEIGHT);
    expect(o.network.enabled).toEqual({ CUMULUS: 5000, NIMBUS: 1500, STRATUS: 2000 });
    // flux-facts §3.4 illustration: 0.576 and 6.72 FLUX/day per node at N = 5,000 / 1,500.
    expect(o.tiers.CUMULUS!.perDayFlux.value).toBe(0.576);
    expect(o.tiers.NIMBUS!.perDayFlux.value).toBe(6.72);
    expect(o.tiers.NIMBUS!.perDayFlux.inputs.find((i) => i.name.includes('enabled'))!.source).toContain('public API');
    expect(o.fleet.estimatedNodes).toBe(2);
    expect(o.fleet.perMonthFlux.value).toBeCloseTo(0.576 * 30 + 6.72 * 30, 6);
    expect(o.fleet.perMonthFlux.formula).toContain('CUMULUS 1 × 17.28');
    expect(o.fleet.perMonthUsd).toBeNull();
    const dos = o.nodes.find((n) => n.status === 'DOS')!;
    expect(dos).toMatchObject({ estimated: false, perDayFlux: null });
    expect(dos.note).toMatch(/only confirmed nodes are paid/);
    // Ranks 2 and 10 at 30 s blocks: beta first, 90 s after its poll.
    expect(o.nextPayments.map((p) => [p.name, p.at - NOW])).toEqual([['beta', 90_000], ['alpha', 330_000]]);
    // PNR: ArcaneOS earns a share; the legacy node shows 0 and what migrating would add.
    const alpha = o.nodes.find((n) => n.name === 'alpha')!;
    const beta = o.nodes.find((n) => n.name === 'beta')!;
    expect(alpha.pnrPerMonthUsd).toBeGreaterThan(0);
    expect(beta.pnrPerMonthUsd).toBe(0);
    expect(beta.pnrMigrationWouldAddUsd).toBeGreaterThan(0);
    expect(o.upcomingCut).toMatchObject({ reduction: 1, height: 3_071_200, subsidyFlux: 12.6 });
    expect(o.upcomingCut!.fleetMonthlyChangeFlux.value).toBeCloseTo(-(0.576 + 6.72) * 3, 6);
    expect(o.upcomingCuts.map((c) => [c.reduction, c.subsidyFlux])).toEqual([[1, 12.6], [2, 11.34], [3, 10.206]]);
    // Its date counts forward from the fleet's live height at this moment, 30 s a block.
    expect(o.upcomingCut!.estimatedAt.value).toBe(Math.floor(NOW / 1000) * 1000 + (3_071_200 - HEIGHT) * 30_000);
    expect(o.parallelAssets.filter((a) => a.active).length).toBeGreaterThan(0);

    await call(handlers, 'rewards:overview', {});
    expect(api.requests.filter((r) => r.startsWith('/daemon/getfluxnodecount'))).toHaveLength(1);
  });

  it('falls back to user counts when the public API is missing, and says so', async () => {
    client = null;
    const { handlers } = build();
    const none = await call(handlers, 'rewards:overview', {});
    expect(none.network.error).toMatch(/no public API/);
    expect(none.fleet.estimatedNodes).toBe(0);
    expect(none.nodes[0]!.note).toMatch(/enabled-node count unknown/);
    await call(handlers, 'rewards:saveSettings', { enabledOverride: { CUMULUS: 4000, NIMBUS: null, STRATUS: null }, fluxPriceUsd: 0.5 });
    const o = await call(handlers, 'rewards:overview', {});
    expect(o.tiers.CUMULUS!.perDayFlux.inputs.find((i) => i.name.includes('enabled'))!.source).toBe('user override');
    expect(o.fleet.perMonthUsd!.value).toBeCloseTo(o.fleet.perMonthFlux.value * 0.5, 2);
    expect(changes).toContainEqual({ reason: 'settings', nodeIds: [] });
  });

  it('validates chain parameter overrides and marks explanations that use them', async () => {
    const { handlers } = build();
    await expect(call(handlers, 'rewards:saveSettings', { chainOverrides: { blockTime: { ponSpacingSeconds: -1 } } })).rejects.toThrow(AppError);
    await expect(call(handlers, 'rewards:saveSettings', { chainOverrides: { nope: 1 } })).rejects.toThrow(/unknown chain parameter/);
    const view = await call(handlers, 'rewards:saveSettings', { chainOverrides: { blockTime: { ponSpacingSeconds: 60 } } });
    expect(view.overridden).toEqual(['blockTime.ponSpacingSeconds']);
    // Stored where services.ts chainParams() (probe pipeline, health rules) reads overrides too.
    expect(new SettingsRepo(db).get('chainOverrides')).toEqual({ blockTime: { ponSpacingSeconds: 60 } });
    const o = await call(handlers, 'rewards:overview', {});
    expect(o.overridden).toEqual(['blockTime.ponSpacingSeconds']);
    expect(o.tiers.CUMULUS!.perDayFlux.value).toBe(0.288);
    expect(o.tiers.CUMULUS!.perDayFlux.inputs.find((i) => i.name === 'blocks per day')!.source).toBe('user override');
    const settings = await call(handlers, 'rewards:settings', {});
    expect(settings.defaults.note).toMatch(/illustrative/);
  });

  it('serves the ledger filtered by node, tag and time, with USD at stored daily prices', async () => {
    const { module, handlers } = build();
    const [a, b, c] = ids as [number, number, number];
    module.observe(undefined, nodeStatus(a, HEIGHT, { lastPaidHeight: 2_199_000, lastPaid: '2026-02-10T10:00:00Z' }));
    module.observe(undefined, nodeStatus(b, HEIGHT, { tier: 'NIMBUS', lastPaidHeight: 2_199_500, lastPaid: '2026-03-01T10:00:00Z' }));
    module.observe(undefined, nodeStatus(c, HEIGHT, { lastPaidHeight: 2_199_700, lastPaid: '2026-03-02T10:00:00Z' }));
    module.settings.save({ fluxPriceUsd: 0.4 }); // today's price (2026-03-15) only
    db.prepare("INSERT INTO flux_prices (day, usd, source, updated_at) VALUES ('2026-03-01', 0.5, 'user', 0)").run();

    const all = await call(handlers, 'rewards:ledger', {});
    expect(all.rows.map((r) => r.node)).toEqual(['=HYPERLINK("x")', 'beta', 'alpha']);
    expect(all.totalFlux).toBe(1 + 3.5 + 1);
    const beta = all.rows[1]!;
    expect(beta).toMatchObject({ amountSat: '350000000', amountFlux: 3.5, tier: 'NIMBUS', usd: 1.75, tags: ['eu', 'big'] });
    expect(all.rows[0]!.usd).toBeNull();

    expect((await call(handlers, 'rewards:ledger', { tag: 'eu' })).rows.map((r) => r.node)).toEqual(['beta', 'alpha']);
    expect((await call(handlers, 'rewards:ledger', { nodeId: a })).rows).toHaveLength(1);
    expect((await call(handlers, 'rewards:ledger', { fromMs: Date.parse('2026-03-01T00:00:00Z') })).rows).toHaveLength(2);
    const limited = await call(handlers, 'rewards:ledger', { limit: 1 });
    expect(limited).toMatchObject({ truncated: true, totalFlux: 5.5 });

    const monthly = await call(handlers, 'rewards:monthly', { groupBy: 'tag' });
    expect(monthly.months).toEqual(['2026-02', '2026-03']);
    expect(monthly.series.find((s) => s.label === 'eu')!.flux).toEqual([1, 3.5]);
    expect(monthly.fleetFlux).toEqual([1, 4.5]);
    expect(monthly.fleetUsd).toEqual([null, 1.75]);

    const csv = await call(handlers, 'rewards:exportCsv', { tag: 'us' });
    expect(csv.filename).toBe('fluxdeck-payments-us-2026-03-15.csv');
    expect(csv.rows).toBe(1);
    expect(csv.csv.split('\r\n')[0]).toBe('date_utc,paid_at_iso,node,tier,height,amount_flux,amount_sat,usd_price,amount_usd,source');
    // The hostile node name is neutralised: a leading apostrophe, quoted.
    expect(csv.csv).toContain(`"'=HYPERLINK(""x"")"`);

    const overview = await call(handlers, 'rewards:overview', {});
    expect(overview.fleet.ledgerThisMonthFlux.value).toBe(4.5);
    expect(overview.fleet.ledgerThisMonthFlux.formula).toBe('sum of 2 payments recorded since 2026-03-01 (UTC) = 4.5 FLUX');
    expect(changes.filter((x) => x.reason === 'payments')).toHaveLength(3);
  });

  it('carries the user price forward into each day of the price history', () => {
    let now = NOW;
    const module = createRewardsModule({ db, settings: new SettingsRepo(db), latestStatuses: () => statuses, publicApi: () => null, clock: { now: () => now } });
    module.settings.save({ fluxPriceUsd: 0.4 });
    now += 86_400_000;
    module.observe(undefined, statuses[0]!);
    module.observe(undefined, statuses[0]!);
    const prices = db.prepare('SELECT day, usd, source FROM flux_prices ORDER BY day').all();
    expect(prices).toEqual([
      { day: '2026-03-15', usd: 0.4, source: 'user' },
      { day: '2026-03-16', usd: 0.4, source: 'user (carried forward)' },
    ]);
  });

  it('rejects bad ledger input at the contract', () => {
    expect(() => rewardsChannels['rewards:ledger'].input.parse({ nodeId: -1 })).toThrow();
    expect(() => rewardsChannels['rewards:ledger'].input.parse({ sql: '1' })).toThrow();
  });

  it('reports collateral per node with mismatches and the fleet total in FLUX and USD', async () => {
    const { module, collateral, handlers } = build();
    statuses[1] = nodeStatus(ids[1]!, HEIGHT, { tier: 'STRATUS', amount: 12500 }, { name: 'beta' });
    for (const s of statuses) collateral.observe!(undefined, s);
    module.settings.save({ fluxPriceUsd: 0.5 });
    const o = await call(handlers, 'collateral:overview', {});
    expect(o.rows).toHaveLength(3);
    const beta = o.rows.find((r) => r.name === 'beta')!;
    expect(beta).toMatchObject({ reportedTier: 'STRATUS', impliedTier: 'NIMBUS', mismatch: true, unspent: null, method: 'reported', vout: ids[1] });
    expect(o.totalFlux.value).toBe(1000 + 12500 + 1000);
    expect(o.totalUsd!.value).toBe(7250);
    expect(o.byTier.NIMBUS).toEqual({ nodes: 1, flux: 12500 });
    expect(collateral.problems!(statuses[1]).map((p) => p.code)).toEqual(['COLLATERAL_TIER_MISMATCH']);
  });

  it('plugs into the dispatcher: parsed input, results, and BAD_INPUT for rejected settings', async () => {
    const { handlers } = build();
    const dispatch = createDispatcher(handlers as Handlers);
    const ledger = await dispatch('rewards:ledger', { tag: 'eu' }, ctx);
    expect(ledger).toEqual({ ok: true, value: { rows: [], truncated: false, totalSat: '0', totalFlux: 0 } });
    expect(await dispatch('rewards:saveSettings', { chainOverrides: JSON.parse('{"__proto__": {"polluted": true}}') as unknown }, ctx)).toMatchObject({ ok: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await dispatch('rewards:saveSettings', { fluxPriceUsd: -2 }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('rewards:saveSettings', { chainOverrides: { upgrades: { pon: 'soon' } } }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('rewards:monthly', { groupBy: 'planet' }, ctx)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
