// The Electron shell: window, IPC registration and Electron-only adapters. Everything else is the
// Electron-free core, created by the same composition root the CLI and `serve` use. The shell's
// own modules take Electron through the ports in electron-port.ts, so they are unit-tested.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { createDispatcher } from '../core/contract-server/dispatcher';
import { createHandlers } from '../core/contract-server/handlers';
import { createServices, type Services } from '../core/services';
import { APP_NAME, defaultDataDir } from '../core/paths';
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { registerIpc } from './ipc';
import { desktopNotifier } from './desktop-notifier';
import { isTrustedUrl, rendererTarget } from './renderer-origin';
import { createSafeStorageSecrets } from './safe-storage-secrets';
import { guardNavigation, lockDownSession, mainWindowOptions } from './window';

const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// The dev server only in an unpackaged app (electron-vite dev); a packaged app loads app:// only.
const target = rendererTarget({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
app.setName(APP_NAME);
// The same folder the CLI and `serve` use by default (FLUXDECK_DATA_DIR wins), whatever Electron
// would derive from the package name.
app.setPath('userData', defaultDataDir(process.env));
protocol.registerSchemesAsPrivileged([APP_SCHEME]);

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(PRELOAD));
  window.once('ready-to-show', () => window.show());
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  void window.loadURL(target.url);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: Services | undefined;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession);
    protocol.handle('app', createAppProtocolHandler(RENDERER_DIR));
    services = createServices({
      dataDir: app.getPath('userData'),
      mode: 'electron',
      overrides: { secrets: createSafeStorageSecrets, notifier: desktopNotifier },
    });
    registerIpc(ipcMain, createDispatcher(createHandlers(services)), services.events, (url) => isTrustedUrl(url, target.origin));
    createMainWindow();
    services.monitor.start();
    // Prometheus /metrics when Settings turned it on; a failure (port taken) shows in Settings.
    void services.metrics.startFromSettings();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Stop polling and flush history and pending alerts before the process goes away.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!services || closing) return;
    closing = true;
    event.preventDefault();
    void services.close().finally(() => app.exit(0));
  });
}
