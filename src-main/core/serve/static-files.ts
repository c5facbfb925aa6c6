import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer. Paths are resolved inside `root` only; anything else, and any
 * unknown route, falls back to index.html so client-side routes survive a reload.
 */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse, csp: string): Promise<void> {
  const decoded = safeDecode(urlPath);
  const candidate = path.resolve(root, `.${decoded}`);
  const inside = candidate.startsWith(root + path.sep);
  const file = inside && path.extname(candidate) ? candidate : path.join(root, 'index.html');
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': cacheControl(root, file),
    });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }
}

/**
 * The build names every file under `assets/` by its content's hash, so a browser may keep them
 * (and V8 their compiled code) for good: a reload then fetches index.html alone. Anything else,
 * index.html included, is asked for again each time so a new build is picked up at once.
 */
function cacheControl(root: string, file: string): string {
  return file.startsWith(path.join(root, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-store';
}

function safeDecode(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return '/';
  }
}
