import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimFleet } from './fleet';

describe('API-only simulated nodes', () => {
  it('answer the FluxOS API, listen for no SSH, and carry no key or pin in the inventory', async () => {
    const { inventory, handle } = await startSimFleet({ count: { preset: 'healthy-cumulus-legacy', n: 2, namePrefix: 'api', apiOnly: true } }, { blockMs: 0 });
    try {
      const node = inventory.nodes[0]!;
      expect(node).not.toHaveProperty('privateKeyPath');
      expect(node).not.toHaveProperty('hostKey');
      expect((await fetch(`http://${node.host}:${node.apiPort}/daemon/getinfo`)).status).toBe(200);
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(22, node.host, () => resolve(false)).on('error', () => resolve(true));
        socket.unref();
      });
      expect(refused).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
