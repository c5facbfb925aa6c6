import type { WebSocket } from 'ws';
import { toSocketPayload, type ServerMessage } from '../../../src-shared/contract/server-message';
import { ClientMessage } from '../../../src-shared/contract/wire';
import type { Dispatch } from '../contract-server/dispatcher';
import type { EventHub } from '../contract-server/event-hub';
import { ClientSession } from '../contract-server/client-session';

/** The call id of a channel named in the socket's address (`/ws?call=fleet:status`). */
export const EARLY_CALL_ID = 0;

/**
 * Wires one authenticated WebSocket to the dispatcher and to its own event subscriptions.
 * `earlyCall`, from the socket's address, is answered as a call with input `{}` and id
 * EARLY_CALL_ID as soon as the socket is accepted: the page asks it before its scripts have run,
 * when it could not yet send a message (see `src-renderer/public/early-socket.js`).
 */
export function attachConnection(socket: WebSocket, clientId: string, dispatch: Dispatch, events: EventHub, earlyCall?: string | null): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const session = new ClientSession(clientId, events, (event, payload) => send({ type: 'event', event, payload: toSocketPayload(event, payload) }));
  const call = (id: number, channel: string, input: unknown): void =>
    void dispatch(channel, input, { clientId }).then((result) => send({ type: 'result', id, result }));
  if (earlyCall) call(EARLY_CALL_ID, earlyCall, {});

  socket.on('message', (data: Buffer, isBinary) => {
    const message = isBinary ? undefined : parse(data.toString('utf8'));
    if (!message) {
      socket.close(1003, 'Malformed message');
      return;
    }
    if (message.type === 'subscribe') session.subscribe(message.event);
    else if (message.type === 'unsubscribe') session.unsubscribe(message.event);
    else call(message.id, message.channel, message.input);
  });
  socket.on('close', () => session.dispose());
  socket.on('error', () => session.dispose());
}

function parse(text: string): ClientMessage | undefined {
  try {
    const parsed = ClientMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
