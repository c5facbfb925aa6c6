import path from 'node:path';
import { createServices, type Services } from '../core/services';
import { defaultDataDir } from '../core/paths';
import type { CliIO } from './command';

/** The data dir chosen by `--data-dir`, else FLUXDECK_DATA_DIR, else the desktop app's own. */
export function resolveDataDir(explicit: string | undefined, io: CliIO): string {
  return explicit ? path.resolve(explicit) : defaultDataDir(io.env);
}

/** Runs `work` against the same core the desktop app uses, closing it afterwards. */
export async function withServices<T>(dataDir: string, work: (services: Services) => Promise<T> | T): Promise<T> {
  const services = createServices({ dataDir, mode: 'serve' });
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
