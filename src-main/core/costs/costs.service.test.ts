import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../src-shared/contract';
import { rollUp } from '../history/rollup';
import { NodesRepo } from '../nodes/nodes.repo';
import { OwnersRepo } from '../nodes/owners.repo';
import { createRewardsModule } from '../rewards/rewards.module';
import { LedgerQueries } from '../rewards/ledger-query';
import { FluxPricesRepo } from '../rewards/prices.repo';
import { openDatabase, type Db } from '../store/database';
import { SettingsRepo } from '../store/settings.repo';
import { nodeStatus } from '../../testkit/rewards';
import { makeTempDir } from '../../testkit/temp-dir';
import { createCostsModule, type CostsModule } from './costs.module';
import { ownerStatementCsv } from './statement-csv';

const NOW = Date.parse('2026-03-15T12:00:00Z');
const MARCH = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let costs: CostsModule;
let statuses: NodeStatus[];
let ids: { alpha: number; beta: number; hostile: number };

function addNode(name: string, host: string, owner: string | null, provider: string | null, cost: number | null): number {
  const owners = new OwnersRepo(db);
  const ownerId = owner ? owners.ensure(owner).id : null;
  const node = new NodesRepo(db).insert({
    name, host, sshPort: 22, apiPort: 16127, username: null, authKind: 'none', keyPath: null, secretRef: null, passphraseRef: null,
    tags: [], ownerId, provider, monthlyCostUsd: cost,
  });
  db.prepare('UPDATE nodes SET created_at = ? WHERE id = ?').run(Date.parse('2026-01-01T00:00:00Z'), node.id);
  return node.id;
}

/** One poll per hour from March 1st: `up` of them answering and CONFIRMED, the rest unreachable. */
function addPolls(nodeId: number, total: number, up: number): void {
  const insert = db.prepare('INSERT INTO samples (node_id, at, health, status, problem_count) VALUES (?, ?, ?, ?, 0)');
  for (let i = 0; i < total; i++) insert.run(nodeId, MARCH + i * HOUR, i < up ? 0 : 4, i < up ? 'CONFIRMED' : null);
}

beforeEach(() => {
  temp = makeTempDir('fluxdeck-costs-');
  db = openDatabase(path.join(temp.dir, 'costs.db'));
  ids = {
    alpha: addNode('alpha', '192.0.2.1', 'Acme & Co', 'Hetzner', 10),
    beta: addNode('beta', '192.0.2.2', 'Acme & Co', 'Hetzner', null),
    hostile: addNode('=HYPERLINK("x")', '192.0.2.3', 'Other', 'OVH', 5),
  };
  statuses = [nodeStatus(ids.alpha, 2_200_000), nodeStatus(ids.beta, 2_200_000), nodeStatus(ids.hostile, 2_200_000, { tier: 'NIMBUS' })];
  const settings = new SettingsRepo(db);
  const rewards = createRewardsModule({ db, settings, latestStatuses: () => statuses, publicApi: () => null, clock: { now: () => NOW } });
  rewards.settings.save({ enabledOverride: { CUMULUS: 1000, NIMBUS: 500, STRATUS: 200 } });
  costs = createCostsModule({ db, settings, rewards, listNodes: () => new NodesRepo(db).list(), latestStatuses: () => statuses });
  const pay = db.prepare("INSERT INTO payments (node_id, height, paid_at, amount_sat, tier, source) VALUES (?, ?, ?, ?, 'CUMULUS', 'test')");
  pay.run(ids.alpha, 2_190_000, Date.parse('2026-03-02T10:00:00Z'), 100_000_000);
  pay.run(ids.alpha, 2_195_000, Date.parse('2026-03-05T10:00:00Z'), 100_000_000);
  pay.run(ids.alpha, 2_150_000, Date.parse('2026-02-20T10:00:00Z'), 100_000_000);
  const prices = new FluxPricesRepo(db);
  prices.upsert({ day: '2026-03-02', usd: 0.5, source: 'user' });
  prices.upsert({ day: '2026-03-03', usd: 0.7, source: 'user' });
  addPolls(ids.alpha, 100, 75);
});

afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('costs and drop losses for a month', () => {
  it('nets income (each payment at its day\'s price) against the cost of the days covered', async () => {
    const report = await costs.costs.report('2026-03');
    const alpha = report.nodes.find((n) => n.nodeId === ids.alpha)!;
    expect(report.toMs).toBe(NOW);
    expect(alpha.payments).toBe(2);
    expect(alpha.incomeFlux.value).toBe(2);
    // Mar 2 at $0.50; Mar 5 has no price, so the month's mean ($0.60).
    expect(alpha.incomeUsd!.value).toBe(1.1);
    expect(alpha.incomeUsd!.formula).toMatch(/1 priced at the month's mean/);
    // $10/month for 14.5 of 31 days.
    expect(alpha.costUsd!.value).toBe(4.68);
    expect(alpha.costUsd!.formula).toBe('$10/month × 14.50 of 31.00 days in 2026-03 = $4.68');
    expect(alpha.netUsd!.value).toBe(-3.58);
    expect(alpha.netUsd!.inputs.map((i) => i.value)).toEqual([1.1, 4.68]);
  });

  it('counts payments missed while down from the earning uptime and the payment interval', async () => {
    const alpha = (await costs.costs.report('2026-03')).nodes.find((n) => n.nodeId === ids.alpha)!;
    expect(alpha.uptimePercent!.value).toBe(75);
    // 25 % of 14.5 days = 3.625 days; CUMULUS interval 1000 × 30 s = 30,000 s.
    expect(alpha.missedPayments!.value).toBeCloseTo((3.625 * 86_400) / 30_000, 3);
    // At the node's own mean payment (1 FLUX) and the month's mean price.
    expect(alpha.missedFlux!.value).toBeCloseTo(alpha.missedPayments!.value, 3);
    expect(alpha.missedUsd!.value).toBeCloseTo(alpha.missedFlux!.value * 0.6, 2);
    const beta = (await costs.costs.report('2026-03')).nodes.find((n) => n.nodeId === ids.beta)!;
    expect(beta.uptimePercent).toBeNull();
    expect(beta.missedPayments).toBeNull();
    expect(beta.costUsd).toBeNull();
  });

  it('values an expired node\'s losses at the tier its last payment was (fluxd reports no tier when expired)', async () => {
    statuses[0] = { ...statuses[0]!, fluxnode: null };
    const alpha = (await costs.costs.report('2026-03')).nodes.find((n) => n.nodeId === ids.alpha)!;
    expect(alpha.tier).toBe('CUMULUS');
    expect(alpha.missedPayments!.formula).toMatch(/payment interval 8\.3 h/);
  });

  it('reads the same uptime once the polls are rolled up to hours', async () => {
    rollUp(db, NOW);
    db.prepare('DELETE FROM samples WHERE at < (SELECT done_until FROM history_rollups WHERE level = ?)').run('hour');
    const alpha = (await costs.costs.report('2026-03')).nodes.find((n) => n.nodeId === ids.alpha)!;
    expect(alpha.uptimePercent!.value).toBe(75);
  });

  it('sums per provider and per owner, leaving unknown figures out instead of counting them as 0', async () => {
    const report = await costs.costs.report('2026-03');
    const hetzner = report.providers.find((p) => p.key === 'Hetzner')!;
    expect(hetzner.nodes).toBe(2);
    expect(hetzner.costUsd!.value).toBe(4.68);
    expect(hetzner.costUsd!.formula).toMatch(/1 node without this figure left out/);
    expect(report.owners.map((o) => o.key)).toEqual(['Acme & Co', 'Other']);
    expect(report.fleet.incomeFlux.value).toBe(2);
  });

  it('writes an owner statement as formula-safe CSV with a total row', async () => {
    const report = await costs.costs.report('2026-03');
    const acme = ownerStatementCsv(report, 'acme & co');
    const lines = acme.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('month,owner,node,provider,tier,payments,income_flux,income_usd,cost_usd,net_usd,missed_payments,missed_flux,missed_usd,uptime_percent');
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['alpha', 'beta', 'TOTAL']);
    expect(lines[1]).toMatch(/^2026-03,Acme & Co,alpha,Hetzner,CUMULUS,2,2,1.1,4.68,-3.58,/);
    const other = ownerStatementCsv(report, 'Other').csv;
    expect(other).toContain('"\'=HYPERLINK(""x"")"');
  });

  it('cuts the payments ledger and its CSV per owner', () => {
    const ledger = new LedgerQueries(db);
    expect(ledger.rows({ owner: 'acme & co' }, 100).rows.map((r) => r.node)).toEqual(['alpha', 'alpha', 'alpha']);
    expect(ledger.rows({ owner: 'Other' }, 100).rows).toEqual([]);
    expect(ledger.csv({ owner: 'Acme & Co' }, NOW).filename).toBe('fluxdeck-payments-Acme_Co-2026-03-15.csv');
  });

  it('refuses a month that has not started', async () => {
    await expect(costs.costs.report('2026-04')).rejects.toThrow(/has not started/);
  });
});
