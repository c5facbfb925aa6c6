/**
 * The renderer's Content-Security-Policy, shared by the Electron shell and `serve`: scripts only
 * from our own files, no eval, and no network except the transport the mode needs (none in
 * Electron, where all network lives in main; the serve WebSocket otherwise).
 */
export function contentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Naive UI injects its theme as <style> elements at run time; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ') || "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
