/**
 * Remembers, per node, the text each SSH section printed last and what was read from it: most
 * polls print the same cores, services, versions, containers and node status again, so a section
 * is parsed and validated only when its text changed. Text equality is the whole key: the parsers
 * are pure functions of it.
 */
type Read = { text: string; value: unknown };

export class SectionMemo {
  private readonly byNode = new Map<number, Map<string, Read>>();

  /** What `read` gave for `text` last time, or `read(text)` (then kept for next time). */
  read<T>(nodeId: number, key: string, text: string, read: (text: string) => T): T {
    let sections = this.byNode.get(nodeId);
    const known = sections?.get(key);
    if (known?.text === text) return known.value as T;
    const value = read(text);
    if (!sections) this.byNode.set(nodeId, (sections = new Map<string, Read>()));
    sections.set(key, { text, value });
    return value;
  }

  forget(nodeId: number): void {
    this.byNode.delete(nodeId);
  }
}
