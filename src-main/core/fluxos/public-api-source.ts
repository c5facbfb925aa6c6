import { PublicApiClient } from './fluxos-client';

/**
 * The app's one public API client (ranks, network height, node counts), rebuilt only when the
 * configured URL changes, so every capability shares its sockets and caches.
 */
export class PublicApiSource {
  private current: { url: string; client: PublicApiClient } | null = null;

  constructor(private readonly url: () => string | null) {}

  /** The client for the configured URL, or null when none is configured. */
  readonly client = (): PublicApiClient | null => {
    const url = this.url();
    if ((this.current?.url ?? null) !== url) {
      this.current?.client.close();
      this.current = url ? { url, client: new PublicApiClient(url) } : null;
    }
    return this.current?.client ?? null;
  };

  close(): void {
    this.current?.client.close();
    this.current = null;
  }
}
