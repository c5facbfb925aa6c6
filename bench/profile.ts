import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * `--profile DIR`: a V8 CPU profile of one measured stretch (open it in Chrome DevTools or
 * speedscope). Profiling slows the code down, so figures from such a run are not comparable.
 */
export async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}

/** `--profile DIR` in Chromium: the page's main thread over one measured stretch, through CDP. */
export async function pageProfiled<T>(page: Page, dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    const result = await work();
    const { profile } = await session.send('Profiler.stop');
    await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return result;
  } finally {
    await session.detach();
  }
}
