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

function parse(v: string): [number, number, number] | null {
  const m = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** True when `version` is known and older than `minimum`. */
export function isBelow(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) === -1;
}
