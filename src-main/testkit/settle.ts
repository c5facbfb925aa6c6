/** Rejects if `p` has not settled within `ms`: "within its deadline" made checkable. */
export async function settledWithin<T>(p: Promise<T>, ms: number): Promise<PromiseSettledResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.allSettled([p]).then((r) => r[0] as PromiseSettledResult<T>), late]);
  } finally {
    clearTimeout(timer);
  }
}
