import { randomBytes } from 'node:crypto';

/**
 * A fixed shell script run as one SSH exec, each command's output between marker lines that carry
 * a per-run random nonce, so nothing a node prints (a container name, a hostile `uname`) can forge
 * a section boundary. Only the locally generated hex nonce goes into the text: no user string is
 * ever interpolated. The probe's per-poll script and the migration's hardware check are both built
 * and split here.
 */

/** Output split by section; a section absent from the output is absent here. */
export interface SplitOutput<N extends string> {
  sections: Partial<Record<N, string>>;
  /** The closing marker was seen: the script ran to the end. */
  complete: boolean;
}

export interface SectionedScript<N extends string> {
  build(nonce: string): string;
  /** The line the script prints last (the run's end, for a shell that outlives the script). */
  endMarker(nonce: string): string;
  split(output: string, nonce: string): SplitOutput<N>;
}

const NONCE_BYTES = 8;
// Drawn from the CSPRNG a few hundred nonces at a time: one draw per poll was a visible share of a
// warm poll's CPU, and bytes taken from a bigger draw are just as unpredictable.
const POOL_BYTES = NONCE_BYTES * 512;
let pool = Buffer.alloc(0);
let taken = 0;

/** Where the nonce goes in a script's text: a token no command can contain (a shell command has no NUL). */
const NONCE_SLOT = '\u0000nonce\u0000';

/** A fresh nonce for one run of a script. */
export function newScriptNonce(): string {
  if (taken + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  const nonce = pool.toString('hex', taken, taken + NONCE_BYTES);
  taken += NONCE_BYTES;
  return nonce;
}

/**
 * The script of `commands` in `order`, each behind `echo <prefix>:<nonce>:<name>`, and an end marker.
 * A section printed twice keeps its first output.
 */
export function sectionedScript<N extends string>(prefix: string, order: readonly N[], commands: Readonly<Record<N, string>>): SectionedScript<N> {
  const marker = (nonce: string, name: string): string => `${prefix}:${nonce}:${name}`;
  // The text around each nonce, built once: a run's script is these parts joined by its nonce.
  const lines: string[] = [];
  for (const name of order) lines.push(`echo ${marker(NONCE_SLOT, name)}`, commands[name]);
  lines.push(`echo ${marker(NONCE_SLOT, 'end')}`);
  const parts = lines.join('\n').split(NONCE_SLOT);
  const names = new Map<string, N | 'end'>(order.map((n) => [n, n]));
  names.set('end', 'end');
  return {
    build(nonce) {
      if (!/^[0-9a-f]{8,32}$/.test(nonce)) throw new RangeError('nonce must be 8-32 lowercase hex characters');
      return parts.join(nonce);
    },
    endMarker: (nonce) => marker(nonce, 'end'),
    split(output, nonce) {
      const sections: Partial<Record<N, string>> = {};
      // Only lines holding `<prefix>:<nonce>:` can be markers: those are found with indexOf and the
      // text between two marker lines is cut out whole, instead of splitting the output into lines.
      const needle = `${prefix}:${nonce}:`;
      let current: N | undefined;
      let from = 0; // where the current section's text starts
      let at = output.indexOf(needle);
      while (at >= 0) {
        const start = output.lastIndexOf('\n', at - 1) + 1;
        const newline = output.indexOf('\n', at);
        const end = newline < 0 ? output.length : newline;
        const line = output.slice(start, end).trim();
        const hit = line.startsWith(needle) ? names.get(line.slice(needle.length)) : undefined;
        if (hit !== undefined) {
          if (current !== undefined && sections[current] === undefined) sections[current] = output.slice(from, Math.max(from, start - 1));
          if (hit === 'end') return { sections, complete: true };
          current = hit;
          from = end + 1;
        }
        at = newline < 0 ? -1 : output.indexOf(needle, end);
      }
      if (current !== undefined && sections[current] === undefined) sections[current] = output.slice(from);
      return { sections, complete: false };
    },
  };
}
