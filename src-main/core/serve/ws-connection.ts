import type { WebSocket } from 'ws';
import { ClientMessage, type ServerMessage } from '../../../src-shared/contract/wire';
import type { Dispatch } from '../contract-server/dispatcher';
import type { EventHub } from '../contract-server/event-hub';
import { ClientSession } from '../contract-server/client-session';

/** Wires one authenticated WebSocket to the dispatcher and to its own event subscriptions. */
export function attachConnection(socket: WebSocket, clientId: string, dispatch: Dispatch, events: EventHub): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const session = new ClientSession(clientId, events, (event, payload) => send({ type: 'event', event, payload }));

  socket.on('message', (data: Buffer, isBinary) => {
    const message = isBinary ? undefined : parse(data.toString('utf8'));
    if (!message) {
      socket.close(1003, 'Malformed message');
      return;
    }
    if (message.type === 'subscribe') session.subscribe(message.event);
    else if (message.type === 'unsubscribe') session.unsubscribe(message.event);
    else void dispatch(message.channel, message.input, { clientId }).then((result) => send({ type: 'result', id: message.id, result }));
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
