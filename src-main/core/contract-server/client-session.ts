import { isEventName, type EventName } from '../../../src-shared/contract';
import type { EventHub } from './event-hub';

/**
 * The subscriptions one client (a window or a socket) owns. Disposing the session drops them all,
 * so a closed client never receives or leaks events.
 */
export class ClientSession {
  private readonly subscriptions = new Map<EventName, () => void>();

  constructor(
    readonly clientId: string,
    private readonly events: EventHub,
    private readonly deliver: (event: EventName, payload: unknown) => void,
  ) {}

  /** Returns false for names that are not contract events. */
  subscribe(name: unknown): boolean {
    if (!isEventName(name)) return false;
    if (!this.subscriptions.has(name)) {
      this.subscriptions.set(name, this.events.subscribe(name, (payload) => this.deliver(name, payload)));
    }
    return true;
  }

  unsubscribe(name: unknown): void {
    if (!isEventName(name)) return;
    this.subscriptions.get(name)?.();
    this.subscriptions.delete(name);
  }

  dispose(): void {
    for (const dispose of this.subscriptions.values()) dispose();
    this.subscriptions.clear();
  }
}
