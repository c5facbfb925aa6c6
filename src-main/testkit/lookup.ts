/** `map.get(key)`, or a test failure naming what was missing. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what = 'entry'): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${what} ${String(key)}`);
  return value;
}
