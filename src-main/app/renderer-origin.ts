/**
 * Which URL the window loads and which origin the IPC sender check trusts. The dev server URL
 * (ELECTRON_RENDERER_URL, set by `electron-vite dev`) is honoured only in an unpackaged app: in
 * a packaged one any process that can set the environment could otherwise point the window, and
 * the full bridge, at a page of its choosing.
 */

export const APP_ORIGIN = 'app://fluxdeck';

/**
 * `scheme://host[:port]` of `url`, or undefined when it does not parse. Computed by hand because
 * WHATWG URL gives custom schemes such as `app:` the opaque origin "null".
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password || !parsed.host) return undefined;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

export interface RendererTarget {
  /** What the main window loads. */
  url: string;
  /** The one origin whose top frame may call the bridge. */
  origin: string;
}

export function rendererTarget(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererTarget {
  const dev = options.devServerUrl;
  if (!options.isPackaged && dev) {
    const origin = originOf(dev);
    if (origin && /^https?:\/\//.test(origin)) return { url: dev, origin };
  }
  return { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN };
}

/** Whole-origin comparison: `http://localhost:5173` does not trust `http://localhost:51730`. */
export function isTrustedUrl(url: string, origin: string): boolean {
  return originOf(url) === origin;
}
