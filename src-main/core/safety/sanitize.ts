import stripAnsi from 'strip-ansi';

/** Default cap for sanitised output: enough for any status command, small enough for SQLite rows and alerts. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

/** Options for {@link sanitizeOutput}. */
export interface SanitizeOptions {
  /** Cap on the UTF-8 size of the result (before the marker). Default {@link DEFAULT_MAX_OUTPUT_BYTES}. */
  maxBytes?: number;
  /**
   * Bytes an upstream reader already dropped (e.g. the SSH pool stopped reading at its own cap);
   * they are added to the count shown in the truncation marker.
   */
  droppedBytes?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/**
 * Decodes bytes as UTF-8 without ever throwing: invalid sequences become U+FFFD.
 * A stateless decoder per call so a multi-byte character split across calls is never stitched
 * with unrelated data.
 */
export function decodeLenient(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/*
 * strip-ansi refuses string sequences whose payload holds CAN/SUB/ESC/C1 bytes (a real terminal aborts
 * them there, leaving the rest visible). We drop such an OSC/DCS/SOS/PM/APC up to its terminator as
 * long as it stays on one line, so a clipboard (OSC 52) or hyperlink (OSC 8) payload cannot survive as
 * text. Unterminated introducers are left to the control-character pass, which removes the ESC.
 */
const LEFTOVER_STRING_SEQUENCE =
  /(?:\u001b[\]PX^_k]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u009c\n]*?(?:\u0007|\u001b\\|\u009c)/g;

// C0 controls except \t and \n (\r is handled before), DEL, and the C1 range.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Bidi embeddings/overrides/isolates reorder what the user sees ("Trojan Source"); they are never
// needed in command output or node-reported names.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

// Every pass below starts at one of these characters (ESC and the 8-bit introducers are controls,
// `\r` too): text without any is already clean, which is what nearly every poll's output is.
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Removes terminal escape sequences (CSI, OSC incl. OSC 8/52 with BEL or ST, DCS, APC, PM, SOS,
 * 7- and 8-bit forms), control characters other than `\n` and `\t`, and bidi overrides.
 * Line endings are normalised: `\r\n` and lone `\r` become `\n`.
 */
export function stripTerminalControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  let out = stripAnsi(text);
  out = out.replace(LEFTOVER_STRING_SEQUENCE, '');
  out = out.replace(/\r\n?/g, '\n');
  out = out.replace(CONTROL_CHARS, '');
  return out.replace(BIDI_CONTROLS, '');
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes on a character boundary and appends a visible
 * `…[truncated N bytes]` marker when anything was dropped.
 */
export function capUtf8(text: string, maxBytes: number, droppedBytes = 0): string {
  const limit = Math.max(0, Math.floor(maxBytes));
  const whole = (): string => (droppedBytes > 0 ? `${text}…[truncated ${droppedBytes} bytes]` : text);
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short text fits without encoding it to count.
  if (text.length * 3 <= limit) return whole();
  const bytes = encoder.encode(text);
  if (bytes.length <= limit) return whole();
  let end = limit;
  // Step back over UTF-8 continuation bytes so we never split a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const kept = decoder.decode(bytes.subarray(0, end));
  return `${kept}…[truncated ${bytes.length - end + droppedBytes} bytes]`;
}

/**
 * Makes untrusted command/API output safe to store, log, alert on or display:
 * lenient UTF-8 decoding, no escape sequences or control characters, normalised newlines,
 * bounded size with a visible marker.
 */
export function sanitizeOutput(input: string | Uint8Array, options: SanitizeOptions = {}): string {
  const text = typeof input === 'string' ? input : decodeLenient(input);
  const cleaned = stripTerminalControls(text);
  return capUtf8(cleaned, options.maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES, options.droppedBytes ?? 0);
}

/**
 * A one-line, short, printable sample of untrusted text for error messages and diagnostics:
 * sanitised, whitespace collapsed, and values that look like credentials masked.
 */
export function redactedSample(input: string | Uint8Array, maxChars = 160): string {
  const text = stripTerminalControls(typeof input === 'string' ? input : decodeLenient(input));
  const oneLine = maskSecrets(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > maxChars ? `${oneLine.slice(0, maxChars)}…` : oneLine;
}

const SECRET_KEYS =
  '(?:password|passwd|passphrase|secret|token|signature|privkey|private_?key|zelidauth|authorization|api_?key|loginphrase)';
const SECRET_PAIR = new RegExp(`("?${SECRET_KEYS}"?\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s,;&}]+)`, 'gi');
const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/** Masks `key: value` pairs whose key names a credential, and PEM private key blocks. */
export function maskSecrets(text: string): string {
  return text.replace(PEM_BLOCK, '[private key redacted]').replace(SECRET_PAIR, '$1[redacted]');
}
