/**
 * What `sh` does with its stdin, for the simulated shell channel: it runs each complete command as
 * soon as it has read it. A command here is one line, or a brace group (`{` line … `}` line, with
 * an optional `</dev/null`), which sh reads whole before running it. Partial input waits.
 */
const GROUP_OPEN = '{';
const GROUP_CLOSE = /^\}\s*(?:<\s*\/dev\/null\s*)?$/;

export class StdinScripts {
  private pending = '';

  /** Takes a chunk of stdin; returns the scripts it completed, in order. */
  push(chunk: string): string[] {
    this.pending += chunk;
    const scripts: string[] = [];
    for (;;) {
      const lines = this.pending.split('\n');
      // The last piece has no newline yet: it is incomplete whatever it holds.
      const complete = lines.length - 1;
      if (complete === 0) return scripts;
      const first = lines[0]!;
      let used: number;
      if (first.trim() === GROUP_OPEN) {
        const close = lines.findIndex((line, i) => i > 0 && i < complete && GROUP_CLOSE.test(line.trim()));
        if (close < 0) return scripts;
        scripts.push(lines.slice(1, close).join('\n'));
        used = close + 1;
      } else {
        if (first.trim() !== '') scripts.push(first);
        used = 1;
      }
      this.pending = lines.slice(used).join('\n');
    }
  }
}
