import type { z } from 'zod';

/** One request/response channel: its input schema (parsed in main) and its output schema (the type). */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** One push event: main publishes, subscribed clients receive. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> {
  return { input, output };
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { payload };
}
