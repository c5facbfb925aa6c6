import { channelNames } from '../../src-shared/contract';
import { err } from '../../src-shared/result';
import type { Dispatch } from '../core/contract-server/dispatcher';
import type { EventHub } from '../core/contract-server/event-hub';
import { ClientSession } from '../core/contract-server/client-session';
import type { IpcEventPort, IpcMainPort, LogPort, WebContentsPort } from './electron-port';
import { originOf } from './renderer-origin';

/**
 * Registers every contract channel on ipcMain. Each call must come from the top frame of one of
 * our windows, at our own origin, before its input is even parsed. A refused call is logged with
 * its channel and the sender's origin, never its payload (VS Code does the same).
 */
export function registerIpc(ipcMain: IpcMainPort, dispatch: Dispatch, events: EventHub, trustedOrigin: (url: string) => boolean, log: LogPort = (line) => console.error(line)): void {
  const sessions = new Map<number, ClientSession>();

  const trusted = (event: IpcEventPort, channel: string): boolean => {
    const frame = event.senderFrame;
    if (frame !== null && frame === event.sender.mainFrame && trustedOrigin(frame.url)) return true;
    const where = frame === null ? 'a destroyed frame' : `${frame === event.sender.mainFrame ? 'the top frame' : 'a sub-frame'} at ${originOf(frame.url) ?? 'an unparseable URL'}`;
    log(`[ipc] refused ${channel} from ${where} (window ${event.sender.id})`);
    return false;
  };

  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event, channel)) return err('FORBIDDEN', 'IPC from an untrusted frame');
      return dispatch(channel, input, { clientId: `window-${event.sender.id}` });
    });
  }

  const sessionFor = (sender: WebContentsPort): ClientSession => {
    let session = sessions.get(sender.id);
    if (!session) {
      const created = new ClientSession(`window-${sender.id}`, events, (name, payload) => {
        if (!sender.isDestroyed()) sender.send('fluxdeck:event', name, payload);
      });
      sessions.set(sender.id, created);
      // Subscriptions die with the window, or with a reload, which starts a new renderer.
      const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
        if (details.isMainFrame && !details.isSameDocument) dispose();
      };
      const dispose = () => {
        created.dispose();
        sessions.delete(sender.id);
        if (!sender.isDestroyed()) sender.off('did-start-navigation', onNavigation);
      };
      sender.once('destroyed', dispose);
      sender.on('did-start-navigation', onNavigation);
      session = created;
    }
    return session;
  };

  ipcMain.on('fluxdeck:subscribe', (event, name: unknown) => {
    if (trusted(event, 'fluxdeck:subscribe')) sessionFor(event.sender).subscribe(name);
  });
  ipcMain.on('fluxdeck:unsubscribe', (event, name: unknown) => {
    if (trusted(event, 'fluxdeck:unsubscribe')) sessions.get(event.sender.id)?.unsubscribe(name);
  });
}
