/** Runs stepwise work (one short transaction per `next()`) to its end without yielding. */
export function runSteps<T>(work: Generator<void, T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
