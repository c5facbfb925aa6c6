/**
 * Everything the bench starts (child processes, services, browsers, temp dirs) registers its
 * shutdown here, so a failing phase or Ctrl-C still closes every server and removes every file.
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => Promise<void> | void }[] = [];
  private running: Promise<void> | undefined;

  /** Registers a shutdown step; returns a function that runs it early (once) and unregisters it. */
  add(name: string, run: () => Promise<void> | void): () => Promise<void> {
    const step = { name, run };
    this.steps.push(step);
    return async () => {
      const index = this.steps.indexOf(step);
      if (index < 0) return;
      this.steps.splice(index, 1);
      await runStep(step);
    };
  }

  /** Runs every registered step, newest first; never throws. Safe to call more than once. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) await runStep(this.steps.pop()!);
    })();
    return this.running;
  }
}

async function runStep(step: { name: string; run: () => Promise<void> | void }): Promise<void> {
  try {
    await withDeadline(Promise.resolve().then(step.run), 20_000);
  } catch (error) {
    console.error(`[bench] cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Rejects when `promise` has not settled within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what = 'step'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
