import { channelNames, type ChannelName } from '../../../src-shared/contract';
import type { Capability } from '../capability';
import type { Handler, Handlers } from './dispatcher';

/**
 * The handler table: every contract channel answered by exactly one capability. A channel that no
 * capability answers, or that two answer, is a wiring mistake and stops the app at start.
 */
export function createHandlerTable(capabilities: readonly Capability[]): Handlers {
  const table = new Map<ChannelName, { owner: string; handler: Handler<ChannelName> }>();
  for (const capability of capabilities) {
    for (const [channel, handler] of Object.entries(capability.handlers) as [ChannelName, Handler<ChannelName>][]) {
      const taken = table.get(channel);
      if (taken) throw new Error(`${channel} is answered by both ${taken.owner} and ${capability.name}`);
      table.set(channel, { owner: capability.name, handler });
    }
  }
  const missing = channelNames.filter((name) => !table.has(name));
  if (missing.length > 0) throw new Error(`No capability answers ${missing.join(', ')}`);
  return Object.fromEntries([...table].map(([channel, { handler }]) => [channel, handler])) as Handlers;
}

/** The app's handler table. */
export function createHandlers(services: { capabilities: readonly Capability[] }): Handlers {
  return createHandlerTable(services.capabilities);
}
