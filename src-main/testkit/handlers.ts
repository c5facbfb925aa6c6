import { channels, type ChannelName, type ChannelOutput } from '../../src-shared/contract';
import type { CapabilityHandlers } from '../core/capability';

/** Calls a capability's handler the way the dispatcher does: input schema first, output schema after. */
export async function callHandler<C extends ChannelName>(handlers: CapabilityHandlers, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const handler = handlers[channel];
  if (!handler) throw new Error(`no handler for ${channel}`);
  const parsed: unknown = channels[channel].input.parse(input);
  const out = await handler(parsed as never, { clientId: 'test' });
  return channels[channel].output.parse(out) as ChannelOutput<C>;
}
