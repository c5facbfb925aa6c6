import { describe, expect, it } from 'vitest';
import { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { ApiFacts } from '../probe/probe-types';
import { loadChainParams } from '../chain/chain-params';
import { blankStatus } from '../../../src-shared/node-status';
import { evaluateHealth, referenceHeightOf, type HealthContext } from './evaluate-health';
import { HealthRulesError, PROBLEM_CODES, loadHealthRules } from './health-rules';
import { compareVersions } from './semver';
import { fileMinimums } from './minimum-versions';
import { AT, HEIGHT, apiFacts, benchmarks, daemonInfo, fail, fluxnodeStatus, ok, probe, sshFacts } from '../../testkit/probe-fixtures';

const params = loadChainParams();
const rules = loadHealthRules();
const ctx = (patch: Partial<HealthContext> = {}): HealthContext => ({ referenceHeight: HEIGHT, params, rules, now: AT + 100, ...patch });
const codes = (s: NodeStatus): string[] => s.problems.map((p) => p.code).sort();

describe('evaluateHealth: a healthy node', () => {
  it('is ok with every field filled from the probe', () => {
    const s = evaluateHealth(probe(), ctx());
    expect(NodeStatus.parse(s)).toEqual(s);
    expect(s.health).toBe('ok');
    expect(s.problems).toEqual([]);
    expect(s.fluxnode).toMatchObject({ status: 'CONFIRMED', tier: 'CUMULUS', rank: 9, lastPaid: new Date(1_759_998_500_000).toISOString() });
    expect(s.nextPaymentSeconds).toBe(10 * 30);
    // Last confirmed 100 blocks ago: fluxd accepts the next one after 500, expires the node at 640.
    expect(s.confirmInBlocks).toBe(401);
    expect(s.maintenanceWindowBlocks).toBe(540);
    expect(s.maintenanceWindowSeconds).toBe(540 * 30);
    expect(s.benchmark?.version).toBe('6.3.1');
    expect(s.blocksBehind).toBe(0);
    expect(s.flux).toEqual({ version: '8.17.0', arcaneOS: false, uptimeSeconds: 86_400 });
    expect(s.system).toMatchObject({ diskFreeBytes: 137_009_856_512, cores: 4, arch: 'x86_64' });
    expect(s.services).toMatchObject({ zelcash: 'active' });
    expect(s.apps).toEqual([{ name: 'demo0/web', image: 'runonflux/website:latest', state: 'running', ports: '31000->80/tcp' }]);
    expect(s.lastPolledAt).toBe(AT + 50);
  });

  it('uses the pre-PoN block time and windows at pre-PoN heights', () => {
    const h = 2_000_000;
    const p = probe({
      api: apiFacts({ daemonInfo: ok(daemonInfo(h)), fluxnodeStatus: ok(fluxnodeStatus({ lastConfirmedHeight: h - 141 })) }),
      publicHeight: ok(h),
    });
    const s = evaluateHealth(p, ctx({ referenceHeight: h }));
    expect(s.nextPaymentSeconds).toBe(10 * 120);
    // Before PoN a node could confirm after 120 blocks and expired at 160: overdue past 120.
    expect(codes(s)).toEqual(['CONFIRMATION_OVERDUE']);
    expect(s.confirmInBlocks).toBe(0);
    expect(s.maintenanceWindowBlocks).toBe(19);
  });
});

describe('evaluateHealth: missing sources never look healthy', () => {
  it('an API that answers nothing is unreachable and invents nothing', () => {
    const down = Object.fromEntries(
      Object.keys(apiFacts()).map((k) => [k, fail('UNREACHABLE', `/${k}`, 'Cannot reach the API (ECONNREFUSED)')]),
    ) as unknown as ApiFacts;
    const s = evaluateHealth(probe({ api: down, rank: null, ssh: { attempted: false, reason: 'no-credentials' } }), ctx());
    expect(s.health).toBe('unreachable');
    expect(codes(s)).toEqual(['UNREACHABLE']);
    expect(s.fluxnode).toBeNull();
    expect(s.benchmark).toBeNull();
    expect(s.daemon).toBeNull();
    expect(s.flux).toBeNull();
    expect(s.blocksBehind).toBeNull();
    expect(s.nextPaymentSeconds).toBeNull();
  });

  it('an unreadable node status is critical: nobody can tell whether the node earns', () => {
    const s = evaluateHealth(
      probe({ api: apiFacts({ fluxnodeStatus: fail('BAD_RESPONSE', '/daemon/getfluxnodestatus', 'Expected JSON, got text/html') }) }),
      ctx(),
    );
    expect(s.health).toBe('critical');
    expect([...codes(s)].sort()).toEqual(['BAD_RESPONSE', 'NODE_STATUS_UNREADABLE']);
    expect(s.problems.find((p) => p.code === 'BAD_RESPONSE')!.message).toContain('/daemon/getfluxnodestatus');
    expect(s.problems.find((p) => p.code === 'NODE_STATUS_UNREADABLE')!.explanation).toBeTruthy();
    expect(s.fluxnode).toBeNull();
    expect(s.maintenanceWindowBlocks).toBeNull();
  });

  it('another unreadable route is BAD_RESPONSE naming the route, and its section is null', () => {
    const s = evaluateHealth(probe({ api: apiFacts({ benchmarks: fail('BAD_RESPONSE', '/benchmark/getbenchmarks', 'Expected JSON, got text/html') }) }), ctx());
    expect(s.health).toBe('warning');
    expect(codes(s)).toEqual(['BAD_RESPONSE']);
    expect(s.problems[0]!.message).toContain('/benchmark/getbenchmarks');
    expect(s.benchmark?.eps ?? null).toBeNull();
  });

  it('an error envelope is API_ERROR; a single timed-out route is ROUTE_UNREACHABLE, not unreachable', () => {
    const s = evaluateHealth(
      probe({
        api: apiFacts({
          daemonInfo: fail('API_ERROR', '/daemon/getinfo', 'Node answered error: Loading block index...'),
          runningApps: fail('TIMEOUT', '/apps/listrunningapps'),
        }),
      }),
      ctx(),
    );
    expect(s.health).toBe('warning');
    expect(codes(s)).toEqual(['API_ERROR', 'ROUTE_UNREACHABLE']);
    expect(s.daemon).toBeNull();
    expect(s.blocksBehind).toBeNull();
  });

  it('SSH failures map to what the user fixes; a backoff keeps the cause', () => {
    const backoff = evaluateHealth(probe({ ssh: { attempted: true, result: fail('BACKOFF', 'ssh', 'Not attempted', { cause: 'AUTH_FAILED' }) } }), ctx());
    expect(codes(backoff)).toEqual(['AUTH_FAILED']);
    expect(backoff.system).toBeNull();
    const mitm = evaluateHealth(probe({ ssh: { attempted: true, result: fail('HOST_KEY_MISMATCH', 'ssh') } }), ctx());
    expect(mitm.health).toBe('critical');
    const hang = evaluateHealth(probe({ ssh: { attempted: true, result: fail('TIMEOUT', 'ssh') } }), ctx());
    expect(codes(hang)).toEqual(['SSH_UNREACHABLE']);
    expect(hang.fluxnode?.status).toBe('CONFIRMED');
  });
});

describe('evaluateHealth: node facts', () => {
  it('the lowercase expired answer becomes EXPIRED and critical', () => {
    const expired = fluxnodeStatus({ status: 'EXPIRED', tier: null, lastConfirmedHeight: null, lastPaidHeight: null, lastPaid: null });
    const s = evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(expired) }), rank: null }), ctx());
    expect(s.fluxnode?.status).toBe('EXPIRED');
    expect(s.fluxnode?.lastPaid).toBeNull();
    expect(codes(s)).toEqual(['NODE_EXPIRED']);
    expect(s.health).toBe('critical');
    expect(s.nextPaymentSeconds).toBeNull();
  });

  it('DOS, OFFLINE and STARTED', () => {
    const dos = evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ status: 'DOS', addedHeight: HEIGHT - 300 })) }) }), ctx());
    expect(codes(dos)).toEqual(['NODE_DOS']);
    expect(dos.problems[0]!.message).toContain('420 blocks');
    const offline = evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ status: 'OFFLINE' })) }) }), ctx());
    expect(codes(offline)).toEqual(['NODE_EXPIRED']);
    const started = evaluateHealth(
      probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ status: 'STARTED', confirmedHeight: 0, lastConfirmedHeight: 0 })) }) }),
      ctx(),
    );
    expect(codes(started)).toEqual(['NODE_STARTED']);
    expect(started.health).toBe('warning');
    expect(started.fluxnode?.confirmedHeight).toBeNull();
  });

  it('confirmation overdue from the expiry side: fewer than 80 of 640 blocks left', () => {
    const at = (since: number) =>
      codes(evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ lastConfirmedHeight: HEIGHT - since })) }) }), ctx()));
    expect(at(560)).toEqual([]);
    expect(at(561)).toEqual(['CONFIRMATION_OVERDUE']);
  });

  it('daemon behind from 12 blocks, against the highest of the fleet and the public API', () => {
    const behind = (blocks: number) => evaluateHealth(probe({ api: apiFacts({ daemonInfo: ok(daemonInfo(blocks)) }), publicHeight: null }), ctx());
    expect(codes(behind(HEIGHT - 11))).toEqual([]);
    const s = behind(HEIGHT - 12);
    expect(codes(s)).toEqual(['DAEMON_BEHIND']);
    expect(s.blocksBehind).toBe(12);
    const withPublic = evaluateHealth(probe({ publicHeight: ok(HEIGHT + 20) }), ctx());
    expect(withPublic.referenceHeight).toBe(HEIGHT + 20);
    expect(codes(withPublic)).toEqual(['DAEMON_BEHIND']);
  });

  it('benchmark failed (with its sanitised error), running, below tier and disconnected', () => {
    const failed = evaluateHealth(
      probe({ api: apiFacts({ benchmarks: ok(benchmarks({ status: 'failed', tier: null, error: '\u001b[31mEPS 61\u001b]52;c;ZXZpbA==\u0007 below <b>240</b>' })) }) }),
      ctx(),
    );
    expect(codes(failed)).toEqual(['BENCHMARK_FAILED']);
    expect(failed.problems[0]!.message).toBe('Benchmark status is "failed": EPS 61 below <b>240</b>');
    expect(failed.benchmark?.error).toBe('EPS 61 below <b>240</b>');
    const running = evaluateHealth(probe({ api: apiFacts({ benchmarks: ok(benchmarks({ status: 'running', tier: null })) }) }), ctx());
    expect(running.health).toBe('ok');
    expect(codes(running)).toEqual(['BENCHMARK_RUNNING']);
    const below = evaluateHealth(
      probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ tier: 'STRATUS' })), benchmarks: ok(benchmarks({ status: 'NIMBUS', tier: 'NIMBUS' })) }) }),
      ctx(),
    );
    expect(codes(below)).toEqual(['BENCHMARK_BELOW_TIER']);
    const disconnected = evaluateHealth(
      probe({ api: apiFacts({ benchStatus: ok({ status: 'online', benchmarking: 'CUMULUS', flux: 'disconnected' }) }) }),
      ctx(),
    );
    expect(codes(disconnected)).toEqual(['BENCH_DISCONNECTED']);
  });

  it('versions below the minimums, each saying where the minimum came from', () => {
    const s = evaluateHealth(probe({ api: apiFacts({ fluxVersion: ok('8.13.0'), benchInfo: ok({ version: '6.1.9', rpcPort: 16224 }) }) }), ctx());
    expect(codes(s)).toEqual(['BENCH_OUTDATED', 'FLUXOS_OUTDATED']);
    expect(s.problems.find((p) => p.code === 'BENCH_OUTDATED')!.message).toBe(
      'fluxbench 6.1.9 is older than the minimum 6.2.0 (FluxOS 8.17.0 config default.js, read 2026-07-22)',
    );
    expect(codes(evaluateHealth(probe({ api: apiFacts({ fluxVersion: ok('8.13.1') }) }), ctx()))).toEqual([]);
    expect(compareVersions('8.10.0', '8.9.9')).toBe(1);
    expect(compareVersions('junk', '8.9.9')).toBeNull();
  });

  it('disk under 10 % free and a required service down (daemon counts under either unit name)', () => {
    const lowDisk = sshFacts({
      disk: ok({ totalBytes: 1000, usedBytes: 950, availableBytes: 50, mount: '/' }),
      services: ok({ zelcash: 'inactive', fluxd: 'active', fluxbenchd: 'active', mongod: 'failed', docker: 'active' }),
    });
    const s = evaluateHealth(probe({ ssh: { attempted: true, result: ok(lowDisk) } }), ctx());
    expect(codes(s)).toEqual(['DISK_LOW', 'SERVICE_DOWN']);
    expect(s.problems.find((p) => p.code === 'SERVICE_DOWN')!.message).toBe('Required service not active: mongod failed');
  });

  it('an SSH section that is missing or unreadable is reported, never read as fine', () => {
    const facts = sshFacts({ disk: fail('UNAVAILABLE', 'ssh:disk', 'df gave no output'), services: fail('BAD_RESPONSE', 'ssh:services', 'junk') });
    const s = evaluateHealth(probe({ ssh: { attempted: true, result: ok(facts) } }), ctx());
    expect(codes(s)).toEqual(['BAD_RESPONSE', 'SSH_UNAVAILABLE']);
    expect(s.system?.diskFreeBytes).toBeNull();
    expect(s.services).toBeNull();
  });

  it('hostile app names and node strings are plain, capped text', () => {
    const hostile = apiFacts({
      runningApps: ok([
        {
          id: 'x',
          containerName: `fluxweb_<script>\u001b[31mEVIL\u001b]52;c;ZWNobw==\u0007${'A'.repeat(500)}`,
          appName: null,
          componentName: null,
          image: 'evil/<img src=x onerror=alert(1)>:latest',
          created: null,
          state: 'running',
          statusText: null,
          ports: [],
        },
      ]),
    });
    const s = evaluateHealth(probe({ api: hostile }), ctx());
    const app = s.apps[0]!;
    expect(app.name).not.toMatch(/[\u0000-\u001f]/);
    expect(app.name.length).toBeLessThanOrEqual(121);
    expect(app.name.startsWith('fluxweb_<script>EVIL')).toBe(true);
  });
});

describe('evaluateHealth: versions as FluxOS checks them', () => {
  it("judges fluxbench by the daemon's getinfo version, not getbenchmarks' bench_version", () => {
    // A real node: bench_version "1.0.20" (another field), daemon 6.3.1.
    const real = probe({ api: apiFacts({ benchmarks: ok(benchmarks({ benchVersion: '1.0.20' })), benchInfo: ok({ version: '6.3.1', rpcPort: 16224 }) }) });
    expect(codes(evaluateHealth(real, ctx()))).toEqual([]);
    // The API route failed: the SSH section's `fluxbench-cli getinfo` decides.
    const viaSsh = probe({
      api: apiFacts({ benchInfo: fail('API_ERROR', '/benchmark/getinfo', 'no') }),
      ssh: { attempted: true, result: ok(sshFacts({ benchVersion: ok('6.1.0') })) },
    });
    expect(codes(evaluateHealth(viaSsh, ctx()))).toEqual(['API_ERROR', 'BENCH_OUTDATED']);
  });

  it('checks Syncthing and Docker from SSH against live minimums when given, the data file otherwise', () => {
    const old = probe({ ssh: { attempted: true, result: ok(sshFacts({ syncthingVersion: ok('1.27.6'), dockerVersion: ok('26.1.1') })) } });
    const s = evaluateHealth(old, ctx());
    expect(codes(s)).toEqual(['DOCKER_OUTDATED', 'SYNCTHING_OUTDATED']);
    expect(s.problems.find((p) => p.code === 'DOCKER_OUTDATED')!.message).toContain('minimum 26.1.2 (FluxOS 8.17.0 config default.js, read 2026-07-22)');
    const minimums = fileMinimums();
    const live = { ...minimums, docker: { version: '27.0.0', source: 'stats.runonflux.io/getmodulesminimumversions, fetched 2026-12-01 20:00 UTC' } };
    const current = probe({ ssh: { attempted: true, result: ok(sshFacts({ dockerVersion: ok('26.1.3') })) } });
    const judged = evaluateHealth(current, ctx({ versions: { minimums: live, latestFluxos: null } }));
    expect(judged.problems.map((p) => p.message)).toEqual([
      'Docker 26.1.3 is older than the minimum 27.0.0 (stats.runonflux.io/getmodulesminimumversions, fetched 2026-12-01 20:00 UTC)',
    ]);
  });

  it("tells, as information, how far FluxOS is behind the newest the public API reports", () => {
    const latestFluxos = { version: '8.19.0', source: 'api.runonflux.io/flux/version, fetched 2026-12-01 20:00 UTC' };
    const s = evaluateHealth(probe(), ctx({ versions: { minimums: fileMinimums(), latestFluxos } }));
    expect(s.health).toBe('ok');
    expect(s.problems).toMatchObject([{ code: 'FLUXOS_BEHIND_LATEST', severity: 'info' }]);
    expect(s.problems[0]!.message).toBe('FluxOS 8.17.0 is 2 minor releases behind 8.19.0, the newest the public API reports (api.runonflux.io/flux/version, fetched 2026-12-01 20:00 UTC)');
    expect(codes(evaluateHealth(probe(), ctx({ versions: { minimums: fileMinimums(), latestFluxos: { ...latestFluxos, version: '8.17.0' } } })))).toEqual([]);
  });
});

describe('evaluateHealth: payments and the confirmation window', () => {
  it('a never-paid node (last_paid_height 0) has no payment height and no payment date', () => {
    // fluxd prints a time for lastpaid even at height 0 (the genesis block's).
    const s = evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ lastPaidHeight: 0, lastPaid: 1_516_980_000 })) }) }), ctx());
    expect(s.fluxnode).toMatchObject({ lastPaidHeight: null, lastPaid: null });
  });

  it('540 blocks after its last confirmation a node may confirm and still has 100 blocks before expiry', () => {
    const at = (since: number) =>
      evaluateHealth(probe({ api: apiFacts({ fluxnodeStatus: ok(fluxnodeStatus({ lastConfirmedHeight: HEIGHT - since })) }) }), ctx());
    const s = at(540);
    expect(s.confirmInBlocks).toBe(0);
    expect(s.maintenanceWindowBlocks).toBe(100);
    expect(s.maintenanceWindowSeconds).toBe(100 * 30);
    expect(codes(s)).toEqual([]);
    expect(at(500).confirmInBlocks).toBe(1);
    const overdue = at(600);
    expect(codes(overdue)).toEqual(['CONFIRMATION_OVERDUE']);
    expect(overdue.maintenanceWindowBlocks).toBe(40);
    expect(overdue.problems[0]!.message).toBe(`Last confirmed 600 blocks ago (height ${HEIGHT - 600}); it expires in 40 blocks (at height ${HEIGHT + 40}) unless it confirms`);
  });
});

describe('rules and helpers', () => {
  it('the bundled rules describe every code; a rule file missing one is refused', () => {
    for (const code of PROBLEM_CODES) expect(rules.problems[code].description.length).toBeGreaterThan(20);
    expect(fileMinimums()).toMatchObject({ fluxos: { version: '8.13.1' }, fluxbench: { version: '6.2.0' }, syncthing: { version: '2.0.10' }, docker: { version: '26.1.2' } });
    const broken = structuredClone(rules) as unknown as { problems: Record<string, unknown> };
    delete broken.problems['DISK_LOW'];
    expect(() => loadHealthRules(broken)).toThrow(HealthRulesError);
  });

  it('a node before its first poll is a valid NodeStatus with unknown health', () => {
    const s = blankStatus({ id: 3, name: 'n', host: 'h', tags: [] });
    expect(NodeStatus.parse(s).health).toBe('unknown');
  });

  it('referenceHeightOf takes the highest daemon or public height, ignoring unknown and bogus ones', () => {
    expect(referenceHeightOf([null, HEIGHT - 5, HEIGHT + 2])).toBe(HEIGHT + 2);
    expect(referenceHeightOf([HEIGHT + 9, HEIGHT - 5])).toBe(HEIGHT + 9);
    expect(referenceHeightOf([null, undefined, -1, 0, Number.NaN, 1.5])).toBeNull();
    expect(referenceHeightOf([])).toBeNull();
  });
});
