/**
 * A VS Code-style fuzzy score: every query character must appear in order in the text. Matches at
 * the start, after a separator, and in runs score higher; null means no match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let last = -1;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, last + 1);
    if (at < 0) return null;
    score += 1;
    if (at === 0 || /[\s\-_.:/@·]/.test(t[at - 1]!)) score += 3;
    if (at === last + 1) score += 2;
    last = at;
  }
  // Shorter texts with the same matches rank first.
  return score - t.length / 1000;
}
