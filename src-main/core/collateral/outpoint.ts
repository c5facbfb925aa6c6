/** A transaction output reference: the node's collateral identity. */
export interface OutPoint {
  /** 64 lowercase hex characters. */
  txid: string;
  n: number;
}

/** Thrown for text that is not an outpoint. */
export class OutPointError extends Error {
  override name = 'OutPointError';
}

const TXID = /^[0-9a-fA-F]{64}$/;
// fluxd: strprintf("COutPoint(%s, %u)", hash, n) (src/primitives/transaction.cpp).
const COUTPOINT = /^COutPoint\(\s*([0-9a-fA-F]{64})\s*,\s*(\d{1,10})\s*\)$/;
const SHORT = /^([0-9a-fA-F]{64})[:\-](\d{1,10})$/;

/** Builds an outpoint from a txid and index (e.g. `txhash` + `outidx`), validating both. */
export function outPoint(txid: string, n: number | string): OutPoint {
  if (!TXID.test(txid)) throw new OutPointError('txid must be 64 hex characters');
  const index = typeof n === 'string' && /^\d{1,10}$/.test(n) ? Number(n) : n;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new OutPointError('output index must be an integer from 0 to 4294967295');
  }
  return { txid: txid.toLowerCase(), n: index };
}

/** Parses `COutPoint(<txid>, <n>)` as fluxd prints it; also accepts `<txid>:<n>`. */
export function parseOutPoint(text: string): OutPoint {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const m = COUTPOINT.exec(trimmed) ?? SHORT.exec(trimmed);
  if (!m || m[1] === undefined || m[2] === undefined) throw new OutPointError('not a collateral outpoint (expected "COutPoint(txid, n)")');
  return outPoint(m[1], m[2]);
}

/** Like parseOutPoint but returns null instead of throwing. */
export function tryParseOutPoint(text: string): OutPoint | null {
  try {
    return parseOutPoint(text);
  } catch {
    return null;
  }
}

/** fluxd's own rendering, for display and comparison. */
export function formatOutPoint(o: OutPoint): string {
  return `COutPoint(${o.txid}, ${o.n})`;
}
