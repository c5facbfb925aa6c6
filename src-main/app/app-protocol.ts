import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../core/safety/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** `app://` behaves like a secure, standard origin (registered before the app is ready). */
export const APP_SCHEME = { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } } as const;

/**
 * Serves the built renderer from `app://fluxdeck/` instead of file://, with our CSP as a real
 * header. The renderer needs no network at all in the desktop app: connect-src is 'none'.
 * The handler never throws: a malformed URL or percent-escape is a 400, a missing file a 404,
 * and nothing outside the renderer dir is ever read.
 */
export function createAppProtocolHandler(rendererDir: string, read: (file: string) => Promise<Uint8Array> = readFile): (request: { url: string }) => Promise<Response> {
  const csp = contentSecurityPolicy([]);
  const root = path.resolve(rendererDir);
  const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain', 'content-security-policy': csp } });
  return async (request) => {
    let file: string;
    try {
      const url = new URL(request.url);
      if (url.protocol !== 'app:' || url.host !== 'fluxdeck') return text(404, 'Not found');
      const candidate = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      file = candidate.startsWith(root + path.sep) && path.extname(candidate) ? candidate : path.join(root, 'index.html');
    } catch {
      return text(400, 'Bad request');
    }
    try {
      const body = await read(file);
      return new Response(body, { headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp } });
    } catch {
      return text(404, 'Not found');
    }
  };
}
