import type { GuardedContentsPort, LogPort, SessionPort } from './electron-port';
import { isAllowedExternalUrl } from './external-links';

/**
 * The one main window's options, locked down per Electron's security checklist: isolated,
 * sandboxed, no Node, web security on. A plain object so a test can read exactly what ships.
 */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'FluxDeck',
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  } as const;
}

/**
 * Links never open inside the app: new windows are denied, and an allow-listed https link goes
 * to the user's browser instead. Navigating away, redirecting, or attaching a <webview> is refused.
 */
export function guardNavigation(contents: GuardedContentsPort, openExternal: (url: string) => Promise<void>, log: LogPort = (line) => console.error(line)): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
    else log('[window] refused to open a link outside the allow-list');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request (camera, geolocation, notifications...): main notifies itself. */
export function lockDownSession(session: SessionPort): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
