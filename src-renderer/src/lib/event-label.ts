/** People's words for the event kinds core records (history transitions, ledger, host keys, collateral). */
const LABELS: Record<string, string> = {
  health: 'Health changed',
  'fluxnode-status': 'Node status',
  'bench-status': 'Benchmark',
  problem: 'Problem',
  'problem-cleared': 'Problem cleared',
  payment: 'Payment',
  payment_received: 'Payment',
  payment_missed: 'Payment missed',
  collateral_spent: 'Collateral spent',
  'hostkey-pinned': 'Host key trusted',
  'hostkey-trusted': 'Host key trusted',
  'hostkey-mismatch': 'Host key changed',
  'hostkey-unknown': 'New host key',
  'hostkey-replaced': 'Host key replaced',
};

/** A label for an event kind; unknown kinds become words ("some_new-kind" → "Some new kind"), never a raw code. */
export function eventLabel(kind: string): string {
  const known = LABELS[kind];
  if (known) return known;
  const words = kind.replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Event';
}
