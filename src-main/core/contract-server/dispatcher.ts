import { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../../src-shared/contract';
import { err, ok, type Result } from '../../../src-shared/result';
import { AppError } from '../errors';

/** Who is calling: transports fill this in so handlers can tell clients apart. */
export interface CallContext {
  clientId: string;
}

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
  context: CallContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, input: unknown, context: CallContext) => Promise<Result<unknown>>;

/**
 * The single entry point both transports (Electron IPC and the serve WebSocket) call: known channel,
 * schema parse, then the service. It never throws; every outcome is a Result.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, input, context) => {
    if (!isChannelName(channel)) {
      return err('UNKNOWN_CHANNEL', `Unknown channel: ${describe(channel)}`);
    }
    const parsed = channels[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return err('BAD_INPUT', formatIssues(parsed.error));
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      return ok(await handler(parsed.data as ChannelParsedInput<ChannelName>, context));
    } catch (error) {
      if (error instanceof AppError) return err(error.code, error.message);
      console.error(`[dispatch] ${channel} failed:`, error);
      return err('INTERNAL', `${channel} failed unexpectedly; see the log for details`);
    }
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
}

/** "name: Name is required; sshPort: Too big" — short enough for a toast or one CLI line. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
