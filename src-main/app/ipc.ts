import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames } from '../../src-shared/contract';
import { err } from '../../src-shared/result';
import type { Dispatch } from '../core/contract-server/dispatcher';
import type { EventHub } from '../core/contract-server/event-hub';
import { ClientSession } from '../core/contract-server/client-session';

/**
 * Registers every contract channel on ipcMain. Each call must come from the top frame of one of
 * our windows, at our own origin, before its input is even parsed.
 */
export function registerIpc(dispatch: Dispatch, events: EventHub, trustedOrigin: (url: string) => boolean): void {
  const sessions = new Map<number, ClientSession>();

  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame === event.sender.mainFrame && trustedOrigin(frame.url);
  };

  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) return err('FORBIDDEN', 'IPC from an untrusted frame');
      return dispatch(channel, input, { clientId: `window-${event.sender.id}` });
    });
  }

  const sessionFor = (sender: WebContents): ClientSession => {
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
    if (trusted(event)) sessionFor(event.sender).subscribe(name);
  });
  ipcMain.on('fluxdeck:unsubscribe', (event, name: unknown) => {
    if (trusted(event)) sessions.get(event.sender.id)?.unsubscribe(name);
  });
}
