import { stripTerminalControls } from '../safety/sanitize';

/*
 * Everything that leaves FluxDeck in an alert passes through here. Node names, app names and problem
 * messages come from nodes we do not control, so they are cleaned of terminal/bidi controls, kept to
 * one line where a line is expected (a name with "\n[OK] recovered" must not forge a second alert
 * line) and capped.
 */

/** Cuts to at most `max` UTF-16 units (what Discord and Telegram count), never splitting a surrogate pair. */
export function capChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Untrusted text for one line: no controls, whitespace (newlines included) collapsed, capped. */
export function cleanLine(text: string, max = 120): string {
  return capChars(stripTerminalControls(text).replace(/[\s\u200b-\u200d\u2028\u2029\ufeff]+/g, ' ').trim(), max);
}

/** Untrusted multi-line text: no controls, at most a few blank lines in a row, capped. */
export function cleanText(text: string, max: number): string {
  return capChars(stripTerminalControls(text).replace(/\n{3,}/g, '\n\n').trim(), max);
}

const DISCORD_MARKDOWN = /[\\*_~`|>#[\]()<:@-]/g;

/**
 * Escapes Discord markdown so a hostile name cannot bold, hide (spoilers), link or mention. The
 * webhook payload also sets `allowed_mentions: { parse: [] }`; escaping `@` and `<` keeps
 * `@everyone` and `<@id>` from even rendering as mentions.
 */
export function escapeDiscord(text: string): string {
  return text.replace(DISCORD_MARKDOWN, (char) => `\\${char}`);
}
