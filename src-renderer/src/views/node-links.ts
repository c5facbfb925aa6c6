/**
 * The node's own FluxOS dashboard: served on the API port − 1 (16126 for the default 16127;
 * flux-facts §1.1, FluxOS `config/default.js`). IPv6 hosts are bracketed.
 */
export function fluxosUiUrl(host: string, apiPort: number): string | null {
  if (!/^[A-Za-z0-9.:-]+$/.test(host) || apiPort < 2) return null;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${apiPort - 1}/`;
}
