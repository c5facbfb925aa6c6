import { fromSocketPayload, readServerMessage, type ServerMessage } from '../../../src-shared/contract/server-message';
import type { Bridge } from './bridge';

interface Pending {
  resolve: (value: unknown) => void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * The socket `public/early-socket.js` opened while the bundle loaded: the messages it received
 * before the bridge existed, and the calls it sent then (channel → call id, input `{}`).
 */
export interface EarlySocket {
  socket: WebSocket;
  messages: string[];
  calls: Record<string, number>;
  detach: () => void;
}

/**
 * Serve-mode transport: one WebSocket to the page's own origin (the HttpOnly token cookie goes
 * with it). It reconnects with backoff, re-subscribes, and fails pending calls when the link drops
 * so no caller waits forever.
 */
export class WsBridge implements Bridge {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly outbox: string[] = [];
  private retryMs = 250;
  /** Calls the early socket sent, until the first identical call claims each (channel → id). */
  private readonly early = new Map<string, number>();
  /** Their answers when they came before the claim. */
  private readonly unclaimed = new Map<number, unknown>();
  onStateChange: (state: ConnectionState) => void = () => undefined;

  constructor(
    private readonly url: string,
    early?: EarlySocket,
  ) {
    if (early && early.socket.readyState <= WebSocket.OPEN) this.adopt(early);
    else this.connect();
  }

  invoke(channel: string, input: unknown): Promise<unknown> {
    const early = this.claim(channel, input);
    const id = early ?? this.nextId++;
    return new Promise((resolve) => {
      if (early !== undefined && this.unclaimed.has(id)) {
        resolve(this.unclaimed.get(id));
        this.unclaimed.delete(id);
        return;
      }
      this.pending.set(id, { resolve });
      if (early === undefined) this.send(JSON.stringify({ type: 'call', id, channel, input }));
    });
  }

  /** The id of the early socket's call that this one repeats, once. */
  private claim(channel: string, input: unknown): number | undefined {
    const id = this.early.get(channel);
    if (id === undefined || typeof input !== 'object' || input === null || Object.keys(input).length > 0) return undefined;
    this.early.delete(channel);
    return id;
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      this.sendIfOpen(JSON.stringify({ type: 'subscribe', event }));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(event);
        this.sendIfOpen(JSON.stringify({ type: 'unsubscribe', event }));
      }
    };
  }

  private send(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.outbox.push(text);
  }

  /** Subscriptions are sent again by `opened` on every new socket, so they never wait in the outbox. */
  private sendIfOpen(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  private connect(): void {
    this.attach(new WebSocket(this.url));
  }

  private adopt({ socket, messages, calls, detach }: EarlySocket): void {
    for (const [channel, id] of Object.entries(calls)) this.early.set(channel, id);
    this.attach(socket);
    detach();
    for (const text of messages.splice(0)) this.receive(text);
    if (socket.readyState === WebSocket.OPEN) this.opened(socket);
  }

  private opened(socket: WebSocket): void {
    this.retryMs = 250;
    this.onStateChange('open');
    for (const event of this.listeners.keys()) socket.send(JSON.stringify({ type: 'subscribe', event }));
    for (const text of this.outbox.splice(0)) socket.send(text);
  }

  private attach(socket: WebSocket): void {
    this.onStateChange('connecting');
    this.socket = socket;
    socket.addEventListener('open', () => this.opened(socket));
    socket.addEventListener('message', (message) => this.receive(String(message.data)));
    socket.addEventListener('close', () => {
      this.onStateChange('closed');
      // An early call not claimed yet is sent again by whoever makes it, on the next socket.
      this.early.clear();
      for (const [id, call] of this.pending) {
        call.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'Lost the connection to FluxDeck; retrying' } });
        this.pending.delete(id);
      }
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    });
  }

  private receive(text: string): void {
    let message: ServerMessage | null;
    let payload: unknown;
    try {
      message = readServerMessage(JSON.parse(text));
      if (!message) return;
      if (message.type === 'event') payload = fromSocketPayload(message.event, message.payload);
    } catch {
      return;
    }
    if (message.type === 'result') {
      const call = this.pending.get(message.id);
      if (call) call.resolve(message.result);
      else if (message.id < 1) this.unclaimed.set(message.id, message.result);
      this.pending.delete(message.id);
    } else {
      for (const listener of this.listeners.get(message.event) ?? []) listener(payload);
    }
  }
}
