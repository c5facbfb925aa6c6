import { describe, expect, it } from 'vitest';
import { startSimFleet } from './fleet';
import { sshRun } from '../testkit/test-ssh-client';

describe('a 300-node count fleet', () => {
  it('starts on distinct loopback addresses, answers, and stops cleanly', async () => {
    const { inventory, handle } = await startSimFleet(
      { count: [{ preset: 'healthy-stratus-legacy', n: 200, namePrefix: 's' }, { preset: 'healthy-cumulus-arcane', n: 100, namePrefix: 'c' }] },
      { blockMs: 0 },
    );
    try {
      expect(inventory.nodes).toHaveLength(300);
      expect(new Set(inventory.nodes.map((n) => n.host)).size).toBe(300);
      expect(inventory.nodes.map((n) => n.host)).toContain('127.0.1.2');
      const last = inventory.nodes.at(-1)!;
      expect(last.name).toBe('c-100');
      const res = await fetch(`http://${last.host}:${last.apiPort}/flux/isarcaneos`, { signal: AbortSignal.timeout(5_000) });
      expect(await res.json()).toEqual({ status: 'success', data: true });
      expect((await sshRun(inventory.nodes[199]!, 'flux-cli getblockcount')).stdout).toBe('2100000\n');
      const list = await fetch(`${inventory.publicApi!}/daemon/viewdeterministicfluxnodelist`, { signal: AbortSignal.timeout(5_000) });
      const entries = ((await list.json()) as { data: { tier: string; rank: number }[] }).data;
      expect(entries).toHaveLength(300);
      expect(entries.filter((e) => e.tier === 'STRATUS').at(-1)!.rank).toBe(199);
      handle.advanceBlocks(100);
      expect(handle.height).toBe(2_100_100);
    } finally {
      await handle.close();
    }
    const first = inventory.nodes[0]!;
    await expect(fetch(`http://${first.host}:${first.apiPort}/flux/version`)).rejects.toThrow();
  });
});
