import { fileURLToPath } from 'node:url';
import { BrowserWindow, shell, type Session } from 'electron';

export const APP_ORIGIN = 'app://fluxdeck';

const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** The one main window, locked down per Electron's security checklist. */
export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'FluxDeck',
    backgroundColor: '#101418',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Links never open inside the app; https links go to the user's browser, anything else nowhere.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/** Denies every permission request (camera, geolocation, notifications...): main notifies itself. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
