import type { EventName, EventPayload } from '../../../src-shared/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/**
 * In-process publish/subscribe for contract events. Transports subscribe per client and dispose
 * with the client, so a closed window or socket never leaks listeners.
 */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  subscribe<E extends EventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = listener as Listener<EventName>;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One broken subscriber (e.g. a socket that just closed) must not starve the others.
        console.error(`[events] listener for ${name} failed:`, error instanceof Error ? error.message : error);
      }
    }
  }

  listenerCount(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
