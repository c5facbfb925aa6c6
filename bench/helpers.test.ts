import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { Cleanup } from './cleanup';
import { failedNodes } from './poll-phase';
import { reapedChildrenCpuMs, rssMbOf } from './proc-stat';
import { formatTable, roundedJson, type BenchResult } from './report';
import { refusingPort } from './seed-fleet';
import { writeScaledFleet } from './sim-child';
import { blankStatus } from '../src-shared/node-status';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const full: BenchResult = {
  nodes: 1000,
  poll: { warmCycleMs: 4100, coldCycleMs: 9300, cpuMsPerNodePoll: 3.5, rssMb: 280, errors: 0, sshPathCpuMsPerNodePoll: 0.8 },
  baseline: { cycleMs: 30_000, cpuMsPerNodePoll: 14 },
  ratio: { cpuPerPoll: 0.25, cycle: 0.14, cpuPerPollSshPath: 0.057 },
  sqlite: { ingestRowsPerSec: 120_000, chart30dMs: 1.5, dbMb: 2500 },
  renderer: { firstTableMs: 640, sortMs: 5, filterMs: 4, updateTickMs: 70 },
  appsPage: { nodes: 5000, apps: 5000, shownMs: 420, longestTaskMs: 180, longTaskTotalMs: 400, refreshLongestTaskMs: 60, refreshLongTaskTotalMs: 60 },
  memory5k: { rssMb: 576, source: 'simulated' },
  network: { nodes: 10_000, roundMs: 48_000, peakRssMb: 650, errors: 0, cpuMsPerNode: 1.2, cpuGrowth: 1.05 },
};

describe('bench arguments', () => {
  it('defaults to 1,000 nodes and a 5,000-node history; --quick is the CI size', () => {
    expect(parseBenchArgs([])).toMatchObject({ nodes: 1000, historyNodes: 5000, rendererNodes: 5000, memorySim: true });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ nodes: 50, historyNodes: 250, memorySim: false });
    expect(parseBenchArgs(['--nodes', '200', '--json', 'out.json'])).toMatchObject({ nodes: 200, historyNodes: 1000, json: 'out.json', memorySim: false });
  });

  it('refuses nonsense sizes and unknown options', () => {
    expect(() => parseBenchArgs(['--nodes', '0'])).toThrow(/--nodes/);
    expect(() => parseBenchArgs(['--nodes', '1e3x'])).toThrow(/--nodes/);
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow();
  });
});

describe('the report', () => {
  it('prints each figure with its target and pass/MISS', () => {
    const table = formatTable(full, ['a note']);
    expect(table).toMatch(/Warm poll cycle \(1000 nodes\)\s+4\.10 s\s+≤ 10 s at 1,000\s+pass/);
    expect(table).toMatch(/CPU per poll, FluxDeck \/ baseline\s+0\.250 \(4\.0× lower\)\s+≤ 0\.1 \(10× lower\)\s+MISS/);
    expect(table).toMatch(/SQLite ingest\s+120,000 rows\/s\s+≥ 100,000 rows\/s\s+pass/);
    expect(table).toMatch(/update tick\s+70\.0 ms\s+≤ 16 ms\s+MISS/);
    expect(table).toMatch(/RSS, 5,000 nodes \(live SSH\)\s+576 MB\s+≤ 400 MB\s+MISS/);
    expect(table).toMatch(/API-only round \(10000 nodes\)\s+48\.00 s\s+≤ 60 s at 10,000\s+pass/);
    expect(table).toMatch(/peak RSS in that round\s+650 MB\s+≤ 600 MB at 10,000\s+MISS/);
    expect(table).toMatch(/Apps page open \(5000 nodes, 5000 apps\): longest task\s+180 ms\s+≤ 100 ms\s+MISS/);
    expect(table).toMatch(/refresh: longest task, total\s+60 ms, 60 ms\s+≤ 100 ms\s+pass/);
    expect(table).toContain('* a note');
  });

  it('sizes the whole-network round from the fleet, and the soak only on request', () => {
    expect(parseBenchArgs([])).toMatchObject({ networkNodes: 10_000, soakMinutes: 0 });
    expect(parseBenchArgs(['--nodes', '200'])).toMatchObject({ networkNodes: 2000 });
    expect(parseBenchArgs(['--skip-network', '--soak', '30'])).toMatchObject({ networkNodes: 0, soakMinutes: 30 });
  });

  it('runs the renderer phase alone on --only renderer', () => {
    expect(parseBenchArgs(['--only', 'renderer'])).toMatchObject({ onlyRenderer: true, skipBaseline: true, memorySim: false, networkNodes: 0 });
    expect(() => parseBenchArgs(['--only', 'baseline'])).toThrow(/network, renderer or sqlite/);
  });

  it('runs the SQLite phase alone on --only sqlite, after the poll whose statuses it writes', () => {
    expect(parseBenchArgs(['--only', 'sqlite', '--nodes', '200'])).toMatchObject({
      onlySqlite: true, onlyRenderer: false, onlyNetwork: false, skipBaseline: true, memorySim: false, networkNodes: 0, skipRenderer: true, historyNodes: 1000,
    });
    expect(parseBenchArgs(['--nodes', '200'])).toMatchObject({ onlySqlite: false, skipRenderer: false });
  });

  it('judges nothing it did not measure, nor the 1,000-node target on a smaller fleet', () => {
    const table = formatTable({ ...full, nodes: 50, baseline: null, ratio: null, renderer: null }, []);
    expect(table).toMatch(/Warm poll cycle \(50 nodes\)\s+4\.10 s\s+≤ 10 s at 1,000\s+-/);
    expect(table).toMatch(/Renderer sort\s+n\/a\s+≤ 50 ms\s+-/);
  });

  it('writes the issue\'s JSON shape with rounded numbers', () => {
    const json = JSON.parse(roundedJson({ ...full, sqlite: { ingestRowsPerSec: 12_917.456_78, chart30dMs: 1.894_44, dbMb: 2514.3 } })) as BenchResult;
    expect(Object.keys(json)).toEqual(['nodes', 'poll', 'baseline', 'ratio', 'sqlite', 'renderer', 'appsPage', 'memory5k', 'network']);
    expect(json.sqlite).toEqual({ ingestRowsPerSec: 12_917.46, chart30dMs: 1.894, dbMb: 2514.3 });
  });
});

describe('poll errors', () => {
  it('counts unreachable nodes and failed sources, not other warnings', () => {
    const node = (id: number) => ({ id, name: `n${id}`, host: '127.0.0.2', tags: [] });
    const statuses = [
      blankStatus(node(1), 'ok'),
      blankStatus(node(2), 'warning', [{ code: 'DISK_LOW', severity: 'warning', message: 'low' }]),
      blankStatus(node(3), 'unreachable'),
      blankStatus(node(4), 'warning', [{ code: 'SSH_UNREACHABLE', severity: 'warning', message: 'refused' }]),
      blankStatus(node(5), 'critical', [{ code: 'BAD_RESPONSE', severity: 'critical', message: 'garbage' }]),
    ];
    expect(failedNodes(statuses).map((s) => s.nodeId)).toEqual([3, 4, 5]);
  });
});

describe('the bench fleet', () => {
  it('scales resources/sim/bench-fleet.json to any size, keeping the tier mix', async () => {
    const file = path.join(dir, 'fleet.json');
    await writeScaledFleet(50, file);
    const fleet = JSON.parse(readFileSync(file, 'utf8')) as { count: { preset: string; n: number }[] };
    expect(fleet.count.map((c) => [c.preset, c.n])).toEqual([
      ['healthy-cumulus-legacy', 30],
      ['healthy-nimbus-legacy', 15],
      ['healthy-stratus-legacy', 5],
    ]);
    await writeScaledFleet(1, file);
    const one = JSON.parse(readFileSync(file, 'utf8')) as { count: { n: number }[] };
    expect(one.count.reduce((sum, c) => sum + c.n, 0)).toBe(1);
  });

  it('points seeded nodes at a port that refuses connections', async () => {
    const port = await refusingPort();
    const refused = await fetch(`http://127.0.0.9:${port}/`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  });
});

describe('CPU and memory accounting', () => {
  it("adds a reaped child's CPU to the children's total", async () => {
    const before = reapedChildrenCpuMs();
    // Burns 300 ms of its own CPU time (not wall time), however busy the machine is.
    const burn = 'const c = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; while (c() < 300);';
    const child = spawn(process.execPath, ['-e', burn], { stdio: 'ignore' });
    expect(rssMbOf(child.pid!)).toBeGreaterThan(0);
    await new Promise((resolve) => child.once('close', resolve));
    expect(reapedChildrenCpuMs() - before).toBeGreaterThanOrEqual(280);
    expect(rssMbOf(child.pid!)).toBeNull();
  });

  it('runs every cleanup step once, newest first, even when one fails', async () => {
    const cleanup = new Cleanup();
    const order: string[] = [];
    cleanup.add('first', () => void order.push('first'));
    const early = cleanup.add('early', () => void order.push('early'));
    cleanup.add('broken', () => {
      throw new Error('boom');
    });
    cleanup.add('last', () => void order.push('last'));
    await early();
    await early();
    await cleanup.runAll();
    await cleanup.runAll();
    expect(order).toEqual(['early', 'last', 'first']);
  });
});
