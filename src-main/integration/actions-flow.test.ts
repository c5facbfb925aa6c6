import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRun } from '../../src-shared/contract/actions.contract';
import { nextEvent, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/** Maintenance actions through the wired services, over real SSH to the simulator. */

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({
    network: { height: 2_100_000 },
    nodes: [
      { name: 'legacy', preset: 'healthy-cumulus-legacy' },
      { name: 'arcane', preset: 'healthy-nimbus-arcane' },
    ],
  });
  await h.pollCycle();
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

function finished(runId: number): Promise<{ run: ActionRun }> {
  return nextEvent<{ run: ActionRun }>(
    (listener) => h.services.events.subscribe('actions:onProgress', listener),
    ({ run }) => run.id === runId && run.state !== 'running',
    20_000,
    'action run',
  );
}

async function run(actionId: string, names: string[], lines?: number): Promise<ActionRun> {
  const actions = h.services.capabilities.find((c) => c.name === 'actions')!;
  const handler = actions.handlers['actions:run']!;
  const started = await handler({ actionId, nodeIds: names.map((n) => h.idOf(n)), lines }, { clientId: 'test' });
  return (await finished(started.id)).run;
}

describe('actions over SSH to the simulator', () => {
  it('restarts fluxd on a legacy node, skips the ArcaneOS node with the reason, and keeps the audit entry', async () => {
    const done = await run('restart-fluxd', ['legacy', 'arcane']);
    expect(done.state).toBe('ok');
    const legacy = done.results.find((r) => r.name === 'legacy')!;
    expect(legacy).toMatchObject({ outcome: 'ok', exitCode: 0 });
    expect(legacy.output).toContain('$ systemctl is-active zelcash\nactive');
    expect(done.results.find((r) => r.name === 'arcane')).toMatchObject({ outcome: 'skipped' });
    const log = h.services.capabilities.find((c) => c.name === 'actions')!.handlers['actions:log']!;
    const entries = await log({ nodeId: h.idOf('legacy'), limit: 10 }, { clientId: 'test' });
    expect(entries[0]).toMatchObject({ id: done.id, label: 'Restart fluxd', state: 'ok' });
  });

  it('shows the last N lines of the FluxOS log without control sequences', async () => {
    const done = await run('logs-fluxos', ['legacy'], 50);
    const output = done.results[0]!.output;
    expect(output.split('\n').filter((line) => /^2026-12-01T/.test(line))).toHaveLength(50);
    expect(output).toContain('ERROR peer');
    expect(output).not.toContain('\u001b');
  });

  it('runs the FluxOS update path and restarts the watchdog through pm2', async () => {
    expect((await run('update-fluxos', ['legacy'])).results[0]!.output).toContain('Already up to date.');
    expect((await run('restart-watchdog', ['legacy'])).results[0]!.outcome).toBe('ok');
  });
});
