import { decodeFleetDiff, encodeFleetDiff } from '../fleet-diff-wire';
import type { FleetDiff } from './fleet.contract';

/** Messages main sends back over the serve-mode WebSocket: call results and subscribed events. */
export type ServerMessage =
  | { type: 'result'; id: number; result: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } }
  | { type: 'event'; event: string; payload: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The renderer's check of a message from main, written out rather than a zod schema: the page
 * then starts without loading zod. Null for anything not of the shape above; like a schema, it
 * keeps only the fields named there.
 */
export function readServerMessage(value: unknown): ServerMessage | null {
  if (!isRecord(value)) return null;
  if (value.type === 'event') return typeof value.event === 'string' ? { type: 'event', event: value.event, payload: value.payload } : null;
  if (value.type !== 'result' || !Number.isInteger(value.id) || !isRecord(value.result)) return null;
  const id = value.id as number;
  const { ok, error } = value.result;
  if (ok === true) return { type: 'result', id, result: { ok: true, value: value.result.value } };
  if (ok !== false || !isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return { type: 'result', id, result: { ok: false, error: { code: error.code, message: error.message } } };
}

/** An event's payload as the socket sends it: `fleet:onStatus` in its compact form, the others as they are. */
export function toSocketPayload(event: string, payload: unknown): unknown {
  return event === 'fleet:onStatus' ? encodeFleetDiff(payload as FleetDiff) : payload;
}

/** The payload again from what the socket carried; throws when a compact form is malformed. */
export function fromSocketPayload(event: string, payload: unknown): unknown {
  return event === 'fleet:onStatus' ? decodeFleetDiff(payload) : payload;
}
