import sjson from 'secure-json-parse';
import stripAnsi from 'strip-ansi';
import { z } from 'zod';
import { parseFluxAmount } from '../chain/amount';

/**
 * `flux-cli gettxout <txid> <n>` output (fluxd src/rpc/blockchain.cpp gettxout). fluxd returns null
 * for an output that is spent or unknown, which the CLI prints as nothing (or `null`).
 */

const txOutSchema = z.object({
  bestblock: z.string().optional(),
  confirmations: z.number().int().min(0),
  value: z.number().nonnegative(),
  scriptPubKey: z
    .object({
      type: z.string().optional(),
      addresses: z.array(z.string()).optional(),
    })
    .optional(),
  coinbase: z.boolean().optional(),
});

export type TxOutResult =
  | { kind: 'unspent'; confirmations: number; valueSat: bigint; addresses: string[] }
  | { kind: 'spent-or-unknown' }
  | { kind: 'invalid'; reason: string };

/** Parses gettxout output text; never throws. */
export function parseGetTxOut(output: string): TxOutResult {
  const text = stripAnsi(typeof output === 'string' ? output : '').trim();
  if (text === '' || text === 'null') return { kind: 'spent-or-unknown' };
  let raw: unknown;
  try {
    raw = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }) as unknown;
  } catch {
    return { kind: 'invalid', reason: 'gettxout output is not JSON' };
  }
  if (raw === null) return { kind: 'spent-or-unknown' };
  const parsed = txOutSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: `unexpected gettxout shape: ${parsed.error.issues[0]?.message ?? ''}` };
  const valueSat = parseFluxAmount(parsed.data.value);
  if (valueSat === null) return { kind: 'invalid', reason: 'gettxout value is not an amount' };
  return {
    kind: 'unspent',
    confirmations: parsed.data.confirmations,
    valueSat,
    addresses: parsed.data.scriptPubKey?.addresses ?? [],
  };
}
