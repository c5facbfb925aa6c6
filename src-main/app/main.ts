// The Electron shell: window, IPC registration and Electron-only adapters. Everything else is the
// Electron-free core, created by the same composition root the CLI and `serve` use.
import { app, BrowserWindow, session } from 'electron';
import { createDispatcher } from '../core/contract-server/dispatcher';
import { createHandlers } from '../core/contract-server/handlers';
import { createServices, type Services } from '../core/services';
import { APP_NAME, defaultDataDir } from '../core/paths';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc';
import { desktopNotifier } from './desktop-notifier';
import { createSafeStorageSecrets } from './safe-storage-secrets';
import { APP_ORIGIN, createMainWindow, lockDownSession } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
app.setName(APP_NAME);
// The same folder the CLI and `serve` use by default (FLUXDECK_DATA_DIR wins), whatever Electron
// would derive from the package name.
app.setPath('userData', defaultDataDir(process.env));
registerAppScheme();

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
    handleAppProtocol();
    services = createServices({
      dataDir: app.getPath('userData'),
      mode: 'electron',
      overrides: { secrets: createSafeStorageSecrets, notifier: desktopNotifier },
    });
    const trustedOrigin = (url: string) => url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
    registerIpc(createDispatcher(createHandlers(services)), services.events, trustedOrigin);
    createMainWindow(devServerUrl);
    services.monitor.start();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devServerUrl);
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
