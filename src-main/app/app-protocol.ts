import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../core/safety/csp';

const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: `app://` behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer from `app://fluxdeck/` instead of file://, with our CSP as a real
 * header. The renderer needs no network at all in the desktop app: connect-src is 'none'.
 */
export function handleAppProtocol(): void {
  const csp = contentSecurityPolicy([]);
  protocol.handle('app', async (request) => {
    const { pathname } = new URL(request.url);
    const candidate = path.resolve(RENDERER_DIR, `.${decodeURIComponent(pathname)}`);
    const file = candidate.startsWith(RENDERER_DIR + path.sep) && path.extname(candidate) ? candidate : path.join(RENDERER_DIR, 'index.html');
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
