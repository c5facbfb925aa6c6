import net from 'node:net';

/**
 * Whether an app's public port answers: a plain TCP connect from FluxDeck, nothing sent. Results
 * are kept for a minute per host:port and at most a few connects run at once, so a fleet of
 * thousands of app ports never floods the network or the nodes.
 */
export class PortChecker {
  private readonly results = new Map<string, { answers: boolean; at: number }>();
  private readonly pending = new Set<string>();
  private readonly queue: { host: string; port: number }[] = [];
  private running = 0;

  constructor(
    private readonly options: { timeoutMs?: number; ttlMs?: number; concurrency?: number; now?: () => number; onResult?: () => void } = {},
  ) {}

  /** The last result for host:port (null before the first check); schedules a check when stale. */
  answers(host: string, port: number): boolean | null {
    const key = `${host}:${port}`;
    const now = (this.options.now ?? Date.now)();
    const hit = this.results.get(key);
    if (!hit || now - hit.at >= (this.options.ttlMs ?? 60_000)) this.schedule(host, port, key);
    return hit?.answers ?? null;
  }

  /** Resolves once every queued check has finished (tests and the CLI wait for it). */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private schedule(host: string, port: number, key: string): void {
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.queue.push({ host, port });
    this.pump();
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 8) && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.running++;
      void connect(next.host, next.port, this.options.timeoutMs ?? 1500).then((answers) => {
        const key = `${next.host}:${next.port}`;
        this.results.set(key, { answers, at: (this.options.now ?? Date.now)() });
        this.pending.delete(key);
        this.running--;
        this.options.onResult?.();
        this.pump();
      });
    }
  }
}

function connect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
