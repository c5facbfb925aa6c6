import { describe, expect, it } from 'vitest';
import { inventorySchema } from '../../src-shared/inventory.schema';
import { FleetSpecError, loadFleetFile, parseFleetSpec } from './fleet.schema';
import { loopbackAddress, planNodes } from './fleet-nodes';

const NOW = 1_760_000_000;

describe('fleet files', () => {
  it('every shipped example validates and plans', async () => {
    for (const file of ['demo-fleet.json', 'scale-fleet.json', 'faults-fleet.json']) {
      const spec = await loadFleetFile(new URL(`../../resources/sim/${file}`, import.meta.url).pathname);
      expect(planNodes(spec, NOW).length).toBeGreaterThan(0);
    }
  });

  it('names the node and the field when a merged state is wrong', () => {
    const spec = parseFleetSpec({ nodes: [{ name: 'ok' }, { name: 'broken', state: { blockCount: 'soon', fluxnodeStatus: { tier: 'GOLD' } } }] });
    expect(() => planNodes(spec, NOW)).toThrow(FleetSpecError);
    try {
      planNodes(spec, NOW);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('nodes[1] "broken"');
      expect(message).toContain('blockCount');
      expect(message).toContain('fluxnodeStatus.tier');
    }
  });

  it('rejects duplicate names, including ones a count generates', () => {
    expect(() => parseFleetSpec({ nodes: [{ name: 'a' }, { name: 'a' }] })).toThrow(/duplicate node name "a"/);
    const spec = parseFleetSpec({ nodes: [{ name: 'node-2' }], count: { n: 3 } });
    expect(() => planNodes(spec, NOW)).toThrow(/duplicate node name "node-2"/);
  });

  it('ignores prototype keys in a state patch', () => {
    const spec = parseFleetSpec(JSON.parse('{"nodes":[{"name":"p","state":{"__proto__":{"polluted":true},"uptime":5}}]}'));
    const [planned] = planNodes(spec, NOW);
    expect(planned!.node.state.uptime).toBe(5);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('hands out distinct loopback addresses, wrapping past .254', () => {
    expect([0, 1, 252, 253, 253 * 256].map(loopbackAddress)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.254', '127.0.1.2', '127.1.0.2']);
    const all = new Set(Array.from({ length: 20_000 }, (_, i) => loopbackAddress(i)));
    expect(all.size).toBe(20_000);
  });
});

describe('inventory schema', () => {
  it('fills defaults for a hand-written inventory', () => {
    const inv = inventorySchema.parse({ nodes: [{ name: 'home', host: '192.168.1.20', username: 'flux' }] });
    expect(inv.nodes[0]).toEqual({ name: 'home', host: '192.168.1.20', username: 'flux', sshPort: 22, apiPort: 16127, tags: [] });
  });

  it('rejects a malformed fingerprint and a shell-ish host', () => {
    expect(inventorySchema.safeParse({ nodes: [{ name: 'x', host: 'a;rm -rf /', username: 'flux' }] }).success).toBe(false);
    expect(
      inventorySchema.safeParse({ nodes: [{ name: 'x', host: '1.2.3.4', username: 'flux', hostKey: { type: 'ssh-ed25519', fingerprint: 'MD5:aa' } }] }).success,
    ).toBe(false);
  });
});
