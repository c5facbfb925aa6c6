/**
 * The `nodes.tags` column (a JSON array of strings) as a list. Every reader of the column comes
 * here; a damaged value reads as no tags rather than failing the whole list.
 */
export function parseTagsColumn(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
