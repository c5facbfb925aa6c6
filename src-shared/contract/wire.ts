import { z } from 'zod';
import { decodeFleetDiff, encodeFleetDiff } from '../fleet-diff-wire';
import type { FleetDiff } from './fleet.contract';

/** Messages the renderer sends over the serve-mode WebSocket. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), channel: z.string().max(64), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), event: z.string().max(64) }),
  z.object({ type: z.literal('unsubscribe'), event: z.string().max(64) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Messages main sends back: call results and subscribed events. */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** An event's payload as the socket sends it: `fleet:onStatus` in its compact form, the others as they are. */
export function toSocketPayload(event: string, payload: unknown): unknown {
  return event === 'fleet:onStatus' ? encodeFleetDiff(payload as FleetDiff) : payload;
}

/** The payload again from what the socket carried; throws when a compact form is malformed. */
export function fromSocketPayload(event: string, payload: unknown): unknown {
  return event === 'fleet:onStatus' ? decodeFleetDiff(payload) : payload;
}
