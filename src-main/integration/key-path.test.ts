import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { runCapture } from '../testkit/cli-io';
import { makeTempDir } from '../testkit/temp-dir';

/**
 * A hostile or mistaken key path (`/dev/zero` from an inventory) is one node's AUTH_FAILED with
 * the reason, never an unbounded read; the rest of the fleet keeps polling.
 */

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({
    network: { height: 2_100_000 },
    nodes: [
      { name: 'good', preset: 'healthy-cumulus-legacy' },
      { name: 'zero-key', preset: 'healthy-cumulus-legacy' },
    ],
  });
  // As an inventory could have written it: the import does not read key files.
  h.services.db.prepare("UPDATE nodes SET key_path = '/dev/zero' WHERE name = 'zero-key'").run();
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

describe('a /dev/zero key path', () => {
  it('is one node AUTH_FAILED naming the reason, and the fleet keeps polling', async () => {
    const rss = process.memoryUsage().rss;
    await h.pollCycle();
    await h.pollCycle();
    const bad = h.statusOf('zero-key');
    expect(bad.problems.find((p) => p.code === 'AUTH_FAILED')?.message).toMatch(/\/dev\/zero is a character device, not a private key file/);
    // The API side of that node is still read.
    expect(bad.fluxnode?.status).toBe('CONFIRMED');
    expect(h.statusOf('good').health).toBe('ok');
    // Far below what even one unbounded read would take.
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
  });
});

describe('nodes add --key /dev/zero', () => {
  it('is refused at once with the reason', async () => {
    const { dir, cleanup } = makeTempDir('fluxdeck-cli-key-');
    try {
      const run = await runCapture(['nodes', 'add', '--data-dir', dir, '--name', 'z', '--host', '198.51.100.7', '--key', '/dev/zero']);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('/dev/zero is a character device, not a private key file');
    } finally {
      cleanup();
    }
  });
});
