import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'fluxdeck_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Decides whether a request may reach the app. The server listens on loopback, but any local
 * process or web page can still reach loopback, so each request must carry the token (query on
 * the first page load, then an HttpOnly SameSite=Strict cookie), name our own Host (against DNS
 * rebinding) and, when a browser sends one, our own Origin (against cross-site WebSockets).
 */
export class ServeGuard {
  constructor(
    private readonly token: string,
    private readonly allowedHosts: readonly string[],
  ) {}

  hostAllowed(request: IncomingMessage): boolean {
    return this.allowedHosts.includes(request.headers.host ?? '');
  }

  originAllowed(request: IncomingMessage, requireOrigin: boolean): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return !requireOrigin;
    return this.allowedHosts.some((host) => origin === `http://${host}`);
  }

  /** Token from `?token=` or the cookie; compared in constant time. */
  tokenValid(request: IncomingMessage): boolean {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const candidate = url.searchParams.get('token') ?? readCookie(request, TOKEN_COOKIE);
    return candidate !== undefined && candidate !== null && sameSecret(candidate, this.token);
  }

  cookieHeader(): string {
    return `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
