/**
 * Compares `major.minor.patch` versions (a `-pre`/`+build` tail is ignored, as FluxOS's own
 * minimum-version check does). Returns -1, 0 or 1, or null when either side is not a version.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < 3; i++) {
    if (pa[i]! < pb[i]!) return -1;
    if (pa[i]! > pb[i]!) return 1;
  }
  return 0;
}

type Parsed = readonly [number, number, number] | null;

// A fleet reports a handful of distinct versions, compared on every poll: each is parsed once.
const parsed = new Map<string, Parsed>();
const MAX_REMEMBERED = 512;

function parse(v: string): Parsed {
  let known = parsed.get(v);
  if (known === undefined) {
    const m = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+].*)?$/.exec(v.trim());
    known = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
    // Node-reported text is unbounded in variety: forget it all rather than grow without end.
    if (parsed.size >= MAX_REMEMBERED) parsed.clear();
    parsed.set(v, known);
  }
  return known;
}

/** True when `version` is known and older than `minimum`. */
export function isBelow(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) === -1;
}
