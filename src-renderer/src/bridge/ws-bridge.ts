import { ServerMessage } from '../../../src-shared/contract/wire';
import type { Bridge } from './bridge';

interface Pending {
  resolve: (value: unknown) => void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

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
  onStateChange: (state: ConnectionState) => void = () => undefined;

  constructor(private readonly url: string) {
    this.connect();
  }

  invoke(channel: string, input: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.send(JSON.stringify({ type: 'call', id, channel, input }));
    });
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      this.send(JSON.stringify({ type: 'subscribe', event }));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(event);
        this.send(JSON.stringify({ type: 'unsubscribe', event }));
      }
    };
  }

  private send(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.outbox.push(text);
  }

  private connect(): void {
    this.onStateChange('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 250;
      this.onStateChange('open');
      for (const event of this.listeners.keys()) socket.send(JSON.stringify({ type: 'subscribe', event }));
      for (const text of this.outbox.splice(0)) socket.send(text);
    });
    socket.addEventListener('message', (message) => this.receive(String(message.data)));
    socket.addEventListener('close', () => {
      this.onStateChange('closed');
      for (const [id, call] of this.pending) {
        call.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'Lost the connection to FluxDeck; retrying' } });
        this.pending.delete(id);
      }
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    });
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = ServerMessage.parse(JSON.parse(text));
    } catch {
      return;
    }
    if (message.type === 'result') {
      this.pending.get(message.id)?.resolve(message.result);
      this.pending.delete(message.id);
    } else {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
    }
  }
}
