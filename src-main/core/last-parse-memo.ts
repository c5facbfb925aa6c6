interface LastParse {
  input: string;
  value: unknown;
}

/**
 * Remembers, per owner (a node, an API endpoint) and key (an SSH section, a route URL), the last
 * raw input and what was parsed from it. Most polls bring the very text or bytes of the last one,
 * and parsing plus schema validation was a large part of a poll's cost: unchanged input returns
 * the value parsed last time. Input equality is the whole key, so `parse` must depend on nothing
 * else. A parse that throws is not remembered: the same bad input fails again next time.
 */
export class LastParseMemo<Owner> {
  private readonly byOwner = new Map<Owner, Map<string, LastParse>>();

  /** What `parse` gave for `input` last time, or `parse()` (then kept for next time). */
  read<T>(owner: Owner, key: string, input: string, parse: () => T): T {
    let parses = this.byOwner.get(owner);
    const known = parses?.get(key);
    if (known?.input === input) return known.value as T;
    const value = parse();
    if (!parses) this.byOwner.set(owner, (parses = new Map<string, LastParse>()));
    parses.set(key, { input, value });
    return value;
  }

  forget(owner: Owner): void {
    this.byOwner.delete(owner);
  }

  clear(): void {
    this.byOwner.clear();
  }
}
