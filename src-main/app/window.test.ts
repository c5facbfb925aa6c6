import { describe, expect, it } from 'vitest';
import type { GuardedContentsPort, SessionPort } from './electron-port';
import { isAllowedExternalUrl } from './external-links';
import { isTrustedUrl, originOf, rendererTarget } from './renderer-origin';
import { guardNavigation, lockDownSession, mainWindowOptions } from './window';

describe('main window options', () => {
  it('follow the Electron security checklist', () => {
    const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences ?? {};
    expect(prefs.preload).toBe('/app/preload/index.cjs');
    // Electron's security checklist: isolation and the sandbox on, every Node and insecure switch off.
    for (const on of ['contextIsolation', 'sandbox', 'webSecurity'] as const) expect(prefs[on], on).toBe(true);
    for (const off of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'webviewTag'] as const) {
      expect(prefs[off], off).toBe(false);
    }
  });
});

describe('navigation and window-open guards', () => {
  function fakeContents() {
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    const contents: GuardedContentsPort = {
      setWindowOpenHandler: (handler) => void (openHandler = handler),
      on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) => listeners.set(name, listener as (event: { preventDefault(): void }, url?: string) => void),
    };
    const opened: string[] = [];
    const logs: string[] = [];
    guardNavigation(contents, async (url) => void opened.push(url), (line) => logs.push(line));
    return { open: (url: string) => openHandler!({ url }), listeners, opened, logs };
  }

  it('denies every new window; only allow-listed https links go to the browser', () => {
    const c = fakeContents();
    const urls = [
      'https://explorer.runonflux.io/tx/abc',
      'https://runonflux.io/',
      'http://runonflux.io/',
      'https://runonflux.io.evil.example/',
      'https://user:pw@runonflux.io/',
      'https://evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ];
    for (const url of urls) expect(c.open(url)).toEqual({ action: 'deny' });
    expect(c.opened).toEqual(['https://explorer.runonflux.io/tx/abc', 'https://runonflux.io/']);
    expect(c.logs).toHaveLength(6);
  });

  it('prevents navigation, redirects and <webview> attachment', () => {
    const c = fakeContents();
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      c.listeners.get(name)!({ preventDefault: () => void (prevented = true) }, 'https://evil.example/');
      expect({ name, prevented }).toEqual({ name, prevented: true });
    }
  });

  it('the external allow-list comes from resources and holds only Flux hosts', () => {
    expect(isAllowedExternalUrl('https://explorer.zelcash.online/address/t1')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://runonflux.io:8443/')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: Parameters<SessionPort['setPermissionRequestHandler']>[0] | undefined;
    let check: (() => boolean) | undefined;
    lockDownSession({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) });
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) request!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(check!()).toBe(false);
  });
});

describe('renderer origin', () => {
  it('honours ELECTRON_RENDERER_URL only in an unpackaged app, and only for http(s)', () => {
    expect(rendererTarget({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({ url: 'app://fluxdeck/index.html', origin: 'app://fluxdeck' });
    expect(rendererTarget({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(rendererTarget({ isPackaged: false, devServerUrl: 'file:///tmp/evil.html' }).origin).toBe('app://fluxdeck');
    expect(rendererTarget({ isPackaged: false, devServerUrl: undefined }).origin).toBe('app://fluxdeck');
  });

  it('compares whole origins, not prefixes', () => {
    expect(isTrustedUrl('http://localhost:5173/#/fleet', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('app://fluxdeck/index.html', 'app://fluxdeck')).toBe(true);
    expect(isTrustedUrl('app://fluxdeck.evil/index.html', 'app://fluxdeck')).toBe(false);
    expect(isTrustedUrl('app://fluxdeck@evil/index.html', 'app://fluxdeck')).toBe(false);
    expect(originOf('not a url')).toBeUndefined();
  });
});
