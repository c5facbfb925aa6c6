import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRewardsModule, type RewardsModule } from '../rewards/rewards.module';
import { FluxPricesRepo } from '../rewards/prices.repo';
import { openDatabase, type Db } from '../store/database';
import { SettingsRepo } from '../store/settings.repo';
import { makeTempDir } from '../../testkit/temp-dir';
import { PriceFeed, priceAt } from './price-feed';

/** A stand-in for CoinGecko's simple-price API, in its answer shape. */
let server: Server;
let base: string;
let answer: { status: number; body: string };
let hits = 0;
let now = Date.parse('2026-03-15T12:00:00Z');

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let rewards: RewardsModule;
let feed: PriceFeed;
let changed = 0;

beforeEach(() => {
  temp = makeTempDir('fluxdeck-price-');
  db = openDatabase(path.join(temp.dir, 'p.db'));
  const settings = new SettingsRepo(db);
  rewards = createRewardsModule({ db, settings, latestStatuses: () => [], publicApi: () => null, clock: { now: () => now } });
  feed = new PriceFeed(settings, rewards.settings, db, () => now, () => changed++);
  answer = { status: 200, body: JSON.stringify({ zelcash: { usd: 0.4312 } }) };
  hits = 0;
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('FLUX price source', () => {
  it('defaults to the user\'s own value, with CoinGecko as the URL on offer', () => {
    const view = feed.view();
    expect(view.kind).toBe('user');
    expect(view.url).toMatch(/^https:\/\/api\.coingecko\.com\/api\/v3\/simple\/price\?ids=zelcash/);
    feed.maybeRefresh();
    expect(hits).toBe(0);
  });

  it('fetches the price URL once a day, stores it as the day\'s price and the current price', async () => {
    feed.save({ kind: 'url', url: `${base}/api/v3/simple/price?ids=zelcash&vs_currencies=usd` });
    const view = await feed.refresh();
    expect(view.latest).toEqual({ day: '2026-03-15', usd: 0.4312, source: `price URL ${new URL(base).host}` });
    expect(rewards.settings.get().fluxPriceUsd).toBe(0.4312);
    expect(changed).toBe(1);
    feed.maybeRefresh();
    expect(hits).toBe(1);
    now += 86_400_000;
    answer = { status: 200, body: JSON.stringify({ zelcash: { usd: 0.5 } }) };
    feed.maybeRefresh();
    await expect.poll(() => new FluxPricesRepo(db).latest()?.day).toBe('2026-03-16');
    expect(new FluxPricesRepo(db).range('2026-03-15', '2026-03-16')).toEqual(new Map([['2026-03-15', 0.4312], ['2026-03-16', 0.5]]));
  });

  it('says in words why a fetch failed and keeps the stored price', async () => {
    feed.save({ kind: 'url', url: `${base}/x`, path: 'flux.usd' });
    await expect(feed.refresh()).rejects.toThrow(/No price at "flux.usd"/);
    answer = { status: 503, body: '{}' };
    await expect(feed.refresh()).rejects.toThrow(/answered HTTP 503/);
    expect(feed.view().lastError).toMatch(/HTTP 503/);
    expect(feed.view().latest).toBeNull();
    expect(() => feed.save({ url: 'ftp://example.org/p' })).toThrow(/must start with http/);
  });

  it('reads a price only at the dotted path, as a number', () => {
    expect(priceAt({ zelcash: { usd: '0.42' } }, 'zelcash.usd')).toBe(0.42);
    expect(priceAt({ zelcash: { usd: -1 } }, 'zelcash.usd')).toBeNull();
    expect(priceAt({ usd: 1 }, '__proto__.usd')).toBeNull();
  });
});
