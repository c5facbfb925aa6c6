import type { HeartbeatState } from '../../../src-shared/contract/alerts.contract';
import type { SecretStore } from '../secrets/secret-store';
import { postBody } from './http-post';

export const HEARTBEAT_SECRET = 'alerts:heartbeat-url';

/**
 * The dead-man switch: FluxDeck calls the user's push URL (healthchecks.io, Uptime Kuma push
 * monitors) with a GET once per poll cycle, so the operator learns when FluxDeck itself stops.
 * The URL is a secret (it names the check), kept in the SecretStore; never throws.
 */
export class Heartbeat {
  private state: HeartbeatState = { configured: false, host: null, lastAt: null, lastOk: null, lastError: null };
  private lastBeatAt = -Infinity;
  private inFlight: Promise<HeartbeatState> | null = null;
  private ticking: Promise<HeartbeatState> | null = null;
  private url: string | undefined;
  private loaded: Promise<void>;

  constructor(
    private readonly secrets: SecretStore,
    private readonly options: { minIntervalMs?: number; timeoutMs?: number; clock?: () => number } = {},
  ) {
    this.loaded = this.load();
  }

  private async load(): Promise<void> {
    try {
      this.setUrl(await this.secrets.get(HEARTBEAT_SECRET));
    } catch {
      this.state = { ...this.state, lastOk: false, lastError: 'The stored heartbeat URL cannot be read (secret store locked)' };
    }
  }

  private setUrl(url: string | undefined): void {
    this.url = url;
    let host: string | null = null;
    try {
      host = url ? new URL(url).host : null;
    } catch {
      host = null;
    }
    this.state = { ...this.state, configured: url !== undefined, host };
  }

  async current(): Promise<HeartbeatState> {
    await this.loaded;
    return this.state;
  }

  async save(url: string | null): Promise<HeartbeatState> {
    await this.loaded;
    if (url === null) await this.secrets.delete(HEARTBEAT_SECRET);
    else await this.secrets.set(HEARTBEAT_SECRET, url);
    this.setUrl(url ?? undefined);
    this.state = { ...this.state, lastAt: null, lastOk: null, lastError: null };
    return this.state;
  }

  /** Called for every poll result; beats at most once per interval (one poll cycle). */
  tick(): void {
    const now = (this.options.clock ?? Date.now)();
    if (!this.url || this.ticking || now - this.lastBeatAt < (this.options.minIntervalMs ?? 30_000)) return;
    this.lastBeatAt = now;
    this.ticking = this.beat().finally(() => {
      this.ticking = null;
    });
  }

  /** Calls the URL now (Send test, or a tick) and records the answer. */
  async beat(): Promise<HeartbeatState> {
    await this.loaded;
    if (this.inFlight) return this.inFlight;
    const url = this.url;
    if (!url) return this.state;
    this.inFlight = postBody(url, '', {}, { timeoutMs: this.options.timeoutMs ?? 10_000, maxRetryWaitMs: 0, secrets: [url, new URL(url).pathname] }, 'GET').then((outcome) => {
      this.state = { ...this.state, lastAt: (this.options.clock ?? Date.now)(), lastOk: outcome.ok, lastError: outcome.error };
      return this.state;
    });
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  async idle(): Promise<void> {
    await this.ticking;
    await this.inFlight;
  }
}
