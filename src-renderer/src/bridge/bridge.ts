import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';

/**
 * The renderer's one way to reach main. Two transports implement it: Electron IPC through the
 * preload, and the serve-mode WebSocket. Nothing above the stores knows which one is in use.
 */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** Typed calls over a Bridge; what Pinia stores use. */
export interface Client {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: Bridge): Client {
  return {
    async call(channel, input) {
      try {
        return (await bridge.invoke(channel, input)) as Result<ChannelOutput<typeof channel>>;
      } catch (error) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    on(event, listener) {
      return bridge.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
