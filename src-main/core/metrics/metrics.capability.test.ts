import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { callHandler } from '../../testkit/handlers';
import { freePort } from '../../testkit/free-port';
import { tempServices } from '../../testkit/temp-services';

describe('the metrics endpoint as an app setting', () => {
  const services = tempServices('fluxdeck-metrics-setting-');
  const handlers = () => services().metrics.handlers;

  it('is off by default and cannot be turned on without a token', async () => {
    expect(await callHandler(handlers(), 'metrics:settings', {})).toMatchObject({ enabled: false, tokenSet: false, url: null });
    await expect(callHandler(handlers(), 'metrics:save', { enabled: true })).rejects.toThrow(/Enter a token first/);
    await expect(callHandler(handlers(), 'metrics:save', { token: 'short' })).rejects.toThrow(/at least 16 characters/);
  });

  it('starts on the chosen port behind the token, never sends the token back, and stops when turned off', async () => {
    const port = await freePort();
    const token = 'settings-token-0123456789';
    const view = await callHandler(handlers(), 'metrics:save', { enabled: true, port, token });
    expect(view).toEqual({ enabled: true, port, tokenSet: true, tokenPersistent: false, url: `http://127.0.0.1:${port}/metrics`, error: null });
    expect(JSON.stringify(view)).not.toContain(token);
    expect((await fetch(view.url!)).status).toBe(401);
    const ok = await fetch(view.url!, { headers: { authorization: `Bearer ${token}` } });
    expect(await ok.text()).toMatch(/^fluxdeck_nodes 0$/m);
    const off = await callHandler(handlers(), 'metrics:save', { enabled: false });
    expect(off.url).toBeNull();
    await expect(fetch(view.url!)).rejects.toThrow();
  });

  it('says why it is not running when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const view = await callHandler(handlers(), 'metrics:save', { enabled: true, port });
      expect(view.url).toBeNull();
      expect(view.error).toMatch(new RegExp(`Could not listen on 127\\.0\\.0\\.1:${port}`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
