import { createHash } from 'node:crypto';

interface Entry {
  digest: string;
  value: unknown;
}

/**
 * The last answer of each route of each node, by a digest of its bytes. Most polls get the very
 * bytes of the last one (versions, benchmarks, apps), and JSON parsing plus schema validation of
 * them was the largest cost of a poll after the HTTP client itself: an unchanged body returns the
 * value parsed last time instead. Only bodies that parsed and validated are remembered.
 */
export class BodyMemo {
  private readonly byEndpoint = new Map<string, Map<string, Entry>>();

  static digest(status: number, body: Buffer): string {
    return `${status}:${createHash('sha1').update(body).digest('base64')}`;
  }

  /** The value parsed from the same bytes last time, or undefined. */
  get(endpoint: string, url: string, digest: string): unknown {
    const entry = this.byEndpoint.get(endpoint)?.get(url);
    return entry?.digest === digest ? entry.value : undefined;
  }

  set(endpoint: string, url: string, digest: string, value: unknown): void {
    let routes = this.byEndpoint.get(endpoint);
    if (!routes) this.byEndpoint.set(endpoint, (routes = new Map<string, Entry>()));
    routes.set(url, { digest, value });
  }

  forget(endpoint: string): void {
    this.byEndpoint.delete(endpoint);
  }

  clear(): void {
    this.byEndpoint.clear();
  }
}
