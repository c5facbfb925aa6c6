import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoFleet from '../../resources/sim/demo-fleet.json';
import { createMetrics } from '../core/metrics/metrics.module';
import { startMetricsServer, type MetricsServer } from '../core/metrics/metrics-server';
import { PaymentsRepo } from '../core/rewards/payments.repo';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { freePort } from '../testkit/free-port';
import { makeTempDir } from '../testkit/temp-dir';

let h: FleetHarness;
let metrics: MetricsServer;
let stopMetrics: () => void;
let payments: PaymentsRepo;
const temp = makeTempDir('fluxdeck-metrics-');

beforeAll(async () => {
  h = await startFleetHarness(demoFleet);
  payments = new PaymentsRepo(h.services.db);
  const m = createMetrics({ events: h.services.events, listNodes: () => h.services.nodes.list(), statuses: () => h.services.monitor.status(), payments: () => payments.totalsByNode() });
  stopMetrics = m.close;
  metrics = await startMetricsServer({ render: m.render });
  await h.pollCycle();
}, 90_000);

afterAll(async () => {
  stopMetrics?.();
  await metrics?.close();
  await h?.close();
  temp.cleanup();
}, 30_000);

const scrape = (token?: string) => fetch(metrics.url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('Prometheus /metrics', () => {
  it('refuses a scrape without the token or with a wrong one', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('x'.repeat(43))).status).toBe(401);
  });

  it('serves per-node series that promtool check metrics finds clean', async () => {
    const res = await scrape(metrics.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const body = await res.text();
    expect(body).toMatch(/^fluxdeck_node_health_state\{node="[^"]+",owner="",tier="[a-z]+",arcane="(true|false|)"\} -?\d/m);
    expect(body).toMatch(/^fluxdeck_polls_total 12$/m);
    // Payments received: the ledger's count and FLUX per node, counters that start at 0.
    const paid = [...body.matchAll(/^fluxdeck_node_payments_received_total\{node="([^"]+)"[^}]*\} (\d+)$/gm)];
    expect(paid).toHaveLength(12);
    const ledger = payments.totalsByNode();
    const byName = new Map(h.services.nodes.list().map((n) => [n.name, n.id]));
    for (const [, name, count] of paid) expect(Number(count)).toBe(ledger.get(byName.get(name!)!)?.count ?? 0);
    expect(paid.some(([, , count]) => Number(count) > 0)).toBe(true);
    expect(body).toMatch(/^# TYPE fluxdeck_node_payments_received_flux_total counter$/m);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  it('is scraped by a real Prometheus, and a series is queried back through its HTTP API', async () => {
    const port = await freePort();
    const tokenFile = path.join(temp.dir, 'token');
    writeFileSync(tokenFile, metrics.token, { mode: 0o600 });
    const target = new URL(metrics.url);
    const config = path.join(temp.dir, 'prometheus.yml');
    writeFileSync(config, [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: fluxdeck',
      '    authorization:',
      `      credentials_file: ${tokenFile}`,
      '    static_configs:',
      `      - targets: ["${target.host}"]`,
    ].join('\n'));
    const prom: ChildProcess = spawn('prometheus', [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(temp.dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ], { stdio: 'ignore' });
    try {
      let value: string | null = null;
      for (let i = 0; i < 120 && value === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=fluxdeck_nodes`);
          const json = (await res.json()) as { data?: { result?: { value: [number, string] }[] } };
          value = json.data?.result?.[0]?.value[1] ?? null;
        } catch {
          // Prometheus is still starting.
        }
      }
      expect(value).toBe('12');
    } finally {
      prom.kill('SIGTERM');
      await new Promise((resolve) => prom.once('exit', resolve));
    }
  }, 90_000);
});
