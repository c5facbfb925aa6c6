import { z } from 'zod';

/** Messages the renderer sends over the serve-mode WebSocket. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), channel: z.string().max(64), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), event: z.string().max(64) }),
  z.object({ type: z.literal('unsubscribe'), event: z.string().max(64) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
