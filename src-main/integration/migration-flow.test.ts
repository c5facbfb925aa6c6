import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_PRESET_FAILS } from '../sim/migration-presets';
import { runCapture } from '../testkit/cli-io';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * The ArcaneOS migration checklist against simulated nodes over real SSH and HTTP: each hardware
 * preset fails exactly its step, a qualifying node is ready, an API-only node's hardware is unknown,
 * and a run walks through the simulated reinstall to completion.
 */

let h: FleetHarness;
const presets = Object.keys(MIGRATION_PRESET_FAILS);

beforeAll(async () => {
  h = await startFleetHarness(
    {
      network: { height: 2_100_000 },
      nodes: [
        // last_confirmed_height pinned early in the window so timing never blocks these checks.
        { name: 'good', preset: 'healthy-cumulus-legacy', state: { fluxnodeStatus: { last_confirmed_height: 2_099_990 } } },
        // No SSH server at all: FluxDeck knows it over the FluxOS API only.
        { name: 'api-only', preset: 'healthy-cumulus-legacy', apiOnly: true, state: { fluxnodeStatus: { last_confirmed_height: 2_099_990 } } },
        { name: 'arcane', preset: 'healthy-nimbus-arcane' },
        ...presets.map((preset) => ({ name: preset, preset, state: { fluxnodeStatus: { last_confirmed_height: 2_099_990 } } })),
      ],
    },
    {},
  );
  await h.pollCycle();
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

const failed = (steps: { id: string; state: string }[]) => steps.filter((s) => s.state === 'failed').map((s) => s.id);

describe('ArcaneOS migration checklist', () => {
  it.each(presets)('preset %s fails its one step and nothing else', async (preset) => {
    const list = await h.services.migration.service.check(h.idOf(preset), true);
    expect(failed(list.steps)).toEqual([MIGRATION_PRESET_FAILS[preset]]);
    expect(list.ready).toBe(false);
  });

  it('a qualifying legacy node is ready, with the window from the chain parameters', async () => {
    const list = await h.services.migration.service.check(h.idOf('good'), true);
    expect(failed(list.steps)).toEqual([]);
    expect(list.steps.filter((s) => s.group === 'hardware').every((s) => s.state === 'passed' || s.state === 'pending')).toBe(true);
    expect(list.ready).toBe(true);
    expect(list.window.blocksSinceConfirm).toBe(10);
    expect(list.window.blocksToExpiry).toBe(630);
    expect(list.window.recommendedStart).toBe(2_100_000);
  });

  it('an API-only legacy node has its hardware steps unknown, not passed', async () => {
    const list = await h.services.migration.service.check(h.idOf('api-only'), true);
    const hardware = list.steps.filter((s) => s.group === 'hardware');
    expect(hardware.length).toBe(9);
    expect(hardware.every((s) => s.state === 'unknown')).toBe(true);
    expect(hardware[0]!.detail).toContain('uname -m');
    expect(list.ready).toBe(false);
  });

  it('an ArcaneOS node reports arcaneOS true instead of a checklist', async () => {
    const list = await h.services.migration.service.check(h.idOf('arcane'), false);
    expect(list.arcaneOS).toBe(true);
    expect(list.steps).toEqual([]);
  });

  it('`migration check NODE --json` prints the documented shape', async () => {
    const { code, stdout } = await runCapture(['--data-dir', h.dataDir, 'migration', 'check', 'migration-bios', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { node: string; arcaneOS: boolean; ready: boolean; steps: { id: string; state: string; detail: string }[]; window: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(['node', 'arcaneOS', 'ready', 'steps', 'window']);
    expect(out).toMatchObject({ node: 'migration-bios', arcaneOS: false, ready: false });
    expect(failed(out.steps)).toEqual(['uefi']);
    expect(Object.keys(out.window)).toEqual(['blocksSinceConfirm', 'blocksToExpiry', 'recommendedStart']);
    const arcane = JSON.parse((await runCapture(['--data-dir', h.dataDir, 'migration', 'check', 'arcane', '--json'])).stdout) as { arcaneOS: boolean };
    expect(arcane.arcaneOS).toBe(true);
    const board = await runCapture(['--data-dir', h.dataDir, 'migration', 'board', '--json']);
    const parsed = JSON.parse(board.stdout) as { fleet: { arcane: number }; nodes: { node: string; blockingStep: string | null }[] };
    expect(parsed.nodes.find((n) => n.node === 'migration-arm')?.blockingStep).toBe('arch');
  }, 60_000);

  it('a run survives re-runs unchanged, confirms manual steps, and completes after the simulated reinstall', async () => {
    const id = h.idOf('good');
    const svc = h.services.migration.service;
    const started = await svc.start(id);
    expect(started.run?.status).toBe('active');
    expect((await svc.start(id)).run?.id).toBe(started.run?.id);
    const again = await svc.rerun(id);
    expect(again.steps.map((s) => [s.id, s.state, s.at])).toEqual(started.steps.map((s) => [s.id, s.state, s.at]));
    for (const step of ['identity-key', 'flux-id', 'router']) svc.confirmStep(id, step, `ready: ${step}`);
    expect(svc.checklist(id).steps.find((s) => s.id === 'router')).toMatchObject({ state: 'confirmed', note: 'ready: router' });

    h.sim.handle.setState('good', { reinstall: { atBlock: h.sim.handle.height + 1, ip: '10.9.8.7' } });
    h.sim.handle.advanceBlocks(1);
    await h.pollCycle(['good']);
    const mid = svc.checklist(id);
    expect(mid.steps.find((s) => s.id === 'after-arcane')?.state).toBe('passed');
    expect(mid.steps.find((s) => s.id === 'after-status')?.detail).toContain('STARTED');
    h.sim.handle.advanceBlocks(6);
    await h.pollCycle(['good']);
    const done = svc.checklist(id);
    expect(done.run).toBeNull();
    expect(done.history[0]?.status).toBe('completed');
    // The migrated node still shows the run that got it there: every after-install step passed.
    expect(done.arcaneOS).toBe(true);
    expect(done.steps.filter((s) => s.group === 'after').map((s) => s.state)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(done.steps.find((s) => s.id === 'router')).toMatchObject({ state: 'confirmed', note: 'ready: router' });
    const events = h.services.monitor.events(id, 50).map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['migration-started', 'migration-confirmed', 'migration-completed']));
  });

  it('cancelling keeps the run in the history', async () => {
    const id = h.idOf('migration-arm');
    const svc = h.services.migration.service;
    await svc.start(id);
    const cancelled = svc.cancel(id);
    expect(cancelled.run).toBeNull();
    expect(cancelled.history[0]?.status).toBe('cancelled');
  });
});
