import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSimFleet, type FaultName, type Faults, type SimFleet } from '../../sim';
import { createPoolHarness, type PoolHarness } from '../../testkit/pool-harness';
import { SshError, type SshErrorCode } from './ssh-error';
import type { ExecOptions, ExecResult, SshTarget } from './ssh-types';
import { mustGet } from '../../testkit/lookup';
import { settledWithin } from '../../testkit/settle';

/*
 * Every SSH fault of the simulator against the real pool: the faulty node ends in a typed error
 * within its deadline, the other nodes keep working meanwhile, and the node works again once the
 * fault is cleared (auth and host-key failures back off hard, so there the user's "retry" —
 * resetBackoff — is part of recovery, as in the app).
 */

// Available on legacy and ArcaneOS (restricted shell) nodes alike.
const COMMAND = 'uptime';
const END = '@@fault-matrix:end';

/** Each fault meets a command on a channel of its own and a script in the connection's shell (the poll's way). */
const MODES = {
  exec: { command: COMMAND, options: {} },
  shell: { command: `${COMMAND}\necho ${END}`, options: { endMarker: END } },
} as const satisfies Record<string, { command: string; options: ExecOptions }>;
type Mode = keyof typeof MODES;

const answered = (r: ExecResult): boolean => r.stdout.includes('load average');
const READY_TIMEOUT_MS = 1_500;
const EXEC_TIMEOUT_MS = 1_500;

interface FaultCase {
  name: FaultName;
  faults: Faults;
  expected: readonly SshErrorCode[];
  options?: ExecOptions;
  /** Hard-backoff failures need the user's retry after the fault is fixed. */
  userRetry?: boolean;
}

const CASES: readonly FaultCase[] = [
  { name: 'sshNoBanner', faults: { sshNoBanner: true }, expected: ['UNREACHABLE'] },
  { name: 'sshHalfOpen', faults: { sshHalfOpen: true }, expected: ['TIMEOUT', 'CONNECTION_LOST'] },
  { name: 'sshMaxSessions', faults: { sshMaxSessions: 0 }, expected: ['CHANNEL_REFUSED'] },
  { name: 'sshDropMidExec', faults: { sshDropMidExec: true }, expected: ['CONNECTION_LOST'] },
  { name: 'sshRejectAuth', faults: { sshRejectAuth: true }, expected: ['AUTH_FAILED'], userRetry: true },
  { name: 'sshNewHostKey', faults: { sshNewHostKey: true }, expected: ['HOST_KEY_MISMATCH'], userRetry: true },
  { name: 'sshSlowOutput', faults: { sshSlowOutput: 1_000 }, expected: ['TIMEOUT'] },
  { name: 'sshHugeOutput', faults: { sshHugeOutput: 8 * 1024 * 1024 }, expected: ['OUTPUT_TOO_LARGE'], options: { maxOutputBytes: 64 * 1024 } },
];


async function recovers(h: PoolHarness, target: SshTarget, mode: Mode, withinMs: number): Promise<ExecResult> {
  const end = Date.now() + withinMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      return await h.pool.exec(target, MODES[mode].command, { timeoutMs: EXEC_TIMEOUT_MS, ...MODES[mode].options });
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no recovery within ${withinMs} ms (last: ${last instanceof Error ? last.message : String(last)})`);
}

describe('SSH fault matrix against the simulator', () => {
  let sim: SimFleet;
  let h: PoolHarness;
  let targets: Map<string, SshTarget>;

  beforeAll(async () => {
    sim = await startSimFleet(
      { nodes: [{ name: 'victim' }, { name: 'bystander-1' }, { name: 'bystander-2', preset: 'healthy-stratus-arcane' }] },
      { blockMs: 0 },
    );
    h = createPoolHarness({ idleTtlMs: 60_000 });
    const report = h.hostKeys.importInventory(sim.inventory.nodes.map((n) => ({ host: n.host, port: n.sshPort, hostKey: n.hostKey })));
    expect(report.imported).toBe(3);
    targets = new Map(
      sim.inventory.nodes.map((n) => [
        n.name,
        {
          host: n.host,
          port: n.sshPort,
          username: n.username!,
          auth: { kind: 'key-file', path: n.privateKeyPath ?? sim.handle.privateKeyPath },
          readyTimeoutMs: READY_TIMEOUT_MS,
          keepalive: { intervalMs: 300, countMax: 2 },
        } satisfies SshTarget,
      ]),
    );
  }, 30_000);

  afterAll(async () => {
    await h?.close();
    await sim?.handle.close();
  });

  const target = (name: string): SshTarget => mustGet(targets, name, 'target');

  it('all nodes answer with the inventory-pinned host keys before any fault', async () => {
    for (const name of targets.keys()) {
      const r = await h.pool.exec(target(name), COMMAND);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('load average');
    }
    // Only the inventory import pinned keys: no TOFU pins, no mismatches.
    expect(h.events.map((e) => e.kind)).toEqual(['pinned', 'pinned', 'pinned']);
    expect(h.hostKeys.list(target('victim').host, target('victim').port)[0]?.source).toBe('inventory');
  });

  for (const [mode, { command, options }] of Object.entries(MODES) as [Mode, (typeof MODES)[Mode]][]) for (const c of CASES) {
    it(`${c.name} (${mode}): typed ${c.expected.join('/')} within the deadline, others unaffected, recovers when cleared`, async () => {
      const victim = target('victim');
      // Each case starts clean, whatever the previous one left behind.
      h.pool.resetBackoff(victim);
      await sim.handle.setFaults('victim', c.faults);
      // A fresh handshake so connection-time faults apply too.
      h.pool.evict(victim);
      try {
        const deadline = READY_TIMEOUT_MS + EXEC_TIMEOUT_MS + 3_000;
        const [outcome, ...others] = await Promise.all([
          settledWithin(h.pool.exec(victim, command, { timeoutMs: EXEC_TIMEOUT_MS, ...options, ...c.options }), deadline),
          h.pool.exec(target('bystander-1'), command, options),
          h.pool.exec(target('bystander-2'), command, options),
        ]);
        expect(outcome.status).toBe('rejected');
        const reason: unknown = outcome.status === 'rejected' ? outcome.reason : undefined;
        expect(reason).toBeInstanceOf(SshError);
        expect(c.expected).toContain((reason as SshError).code);
        for (const o of others) expect(answered(o)).toBe(true);
      } finally {
        await sim.handle.clearFaults('victim');
      }
      if (c.userRetry) h.pool.resetBackoff(victim);
      const back = await recovers(h, victim, mode, 5_000);
      expect(answered(back)).toBe(true);
    });
  }

  it('a server allowing one session: the idle script shell gives it back to a command, then opens again', async () => {
    const victim = target('victim');
    h.pool.evict(victim);
    await sim.handle.setFaults('victim', { sshMaxSessions: 1 });
    try {
      expect(answered(await h.pool.exec(victim, MODES.shell.command, MODES.shell.options))).toBe(true);
      // The shell now holds the one session; the command still runs.
      expect(answered(await h.pool.exec(victim, COMMAND))).toBe(true);
      expect(answered(await h.pool.exec(victim, MODES.shell.command, MODES.shell.options))).toBe(true);
    } finally {
      await sim.handle.clearFaults('victim');
    }
  });

  it('ansiOutput: hostile escapes never reach the caller, the answer still does', async () => {
    await sim.handle.setFaults('victim', { ansiOutput: true });
    try {
      const r = await h.pool.exec(target('victim'), COMMAND);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).not.toContain('evil.example');
      expect(r.stdout).toContain('load average');
    } finally {
      await sim.handle.clearFaults('victim');
    }
  });

  it('a fleet-wide fault does not leak connections: stats settle back to one per node', async () => {
    const stats = h.pool.stats();
    expect(stats.connections).toBeLessThanOrEqual(3);
    expect(stats.handshakesInFlight).toBe(0);
    expect(stats.channelsInUse).toBe(0);
  });
});

describe('SSH pool across a simulated fleet', () => {
  it('connects 40 nodes with at most maxHandshakes in flight and one connection each', async () => {
    const sim = await startSimFleet({ count: { n: 40 } }, { blockMs: 0 });
    const h = createPoolHarness({ maxHandshakes: 8 });
    try {
      h.hostKeys.importInventory(sim.inventory.nodes.map((n) => ({ host: n.host, port: n.sshPort, hostKey: n.hostKey })));
      const fleet: SshTarget[] = sim.inventory.nodes.map((n) => ({
        host: n.host,
        port: n.sshPort,
        username: n.username!,
        auth: { kind: 'key-file', path: n.privateKeyPath ?? sim.handle.privateKeyPath },
      }));
      let maxInFlight = 0;
      const sampler = setInterval(() => {
        maxInFlight = Math.max(maxInFlight, h.pool.stats().handshakesInFlight);
      }, 2);
      // Two commands per node at once: the second must reuse the first one's handshake.
      const results = await Promise.all(fleet.flatMap((t) => [h.pool.exec(t, COMMAND), h.pool.exec(t, 'hostname')]));
      clearInterval(sampler);
      expect(results.every((r) => r.code === 0)).toBe(true);
      expect(maxInFlight).toBeLessThanOrEqual(8);
      expect(h.pool.stats()).toMatchObject({ connections: 40, handshakesInFlight: 0, channelsInUse: 0 });
    } finally {
      await h.close();
      await sim.handle.close();
    }
  }, 60_000);
});
