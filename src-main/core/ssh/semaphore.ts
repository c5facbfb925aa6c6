/** A counting semaphore with FIFO waiters and an adjustable limit. */
export class Semaphore {
  private inUse = 0;
  private readonly waiters: Array<{ grant: () => void; reject: (err: unknown) => void }> = [];

  constructor(private limit: number) {}

  get active(): number {
    return this.inUse;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        this.inUse++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inUse--;
          this.drain();
        });
      };
      if (this.inUse < this.limit) grant();
      else this.waiters.push({ grant, reject });
    });
  }

  /** Changes the limit (at least 1); waiters are granted if room appeared. */
  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.drain();
  }

  /** Rejects every waiter (the resource went away). */
  rejectAll(err: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private drain(): void {
    while (this.inUse < this.limit && this.waiters.length > 0) this.waiters.shift()?.grant();
  }
}
