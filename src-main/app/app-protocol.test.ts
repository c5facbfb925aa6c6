import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';
import { createAppProtocolHandler } from './app-protocol';

const temp = makeTempDir('fluxdeck-app-protocol-');
afterAll(() => temp.cleanup());
const renderer = path.join(temp.dir, 'renderer');
mkdirSync(path.join(renderer, 'assets'), { recursive: true });
writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>FluxDeck</title>');
writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(temp.dir, 'secret.txt'), 'outside the renderer');
const handle = createAppProtocolHandler(renderer);

describe('the app:// protocol handler', () => {
  it('serves renderer files with the CSP header, and index.html for routes', async () => {
    const js = await handle({ url: 'app://fluxdeck/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript');
    expect(js.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(await (await handle({ url: 'app://fluxdeck/fleet' })).text()).toContain('<title>FluxDeck</title>');
  });

  it('never throws on a bad URI, and never reads outside the renderer dir', async () => {
    for (const url of ['app://fluxdeck/%E0%A4%A', 'app://fluxdeck/%', 'not a url', '']) {
      const response = await handle({ url });
      expect({ url, status: response.status }).toEqual({ url, status: 400 });
    }
    for (const url of ['app://fluxdeck/%2e%2e/secret.txt', 'app://fluxdeck/..%2fsecret.txt', 'app://fluxdeck/assets/%2e%2e/%2e%2e/secret.txt']) {
      expect(await (await handle({ url })).text()).not.toContain('outside the renderer');
    }
    expect((await handle({ url: 'app://fluxdeck/missing.js' })).status).toBe(404);
    expect((await handle({ url: 'app://other-host/index.html' })).status).toBe(404);
  });
});
