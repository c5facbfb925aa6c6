import { afterAll, beforeAll } from 'vitest';
import { createServices, type Services } from '../core/services';
import { makeTempDir } from './temp-dir';

/**
 * The wired services on a fresh data dir for the describe block this is called in: built before
 * its tests, closed and the dir removed after them. The getter answers from `beforeAll` on.
 */
export function tempServices(prefix?: string): () => Services {
  const temp = makeTempDir(prefix);
  let services: Services | undefined;
  beforeAll(() => {
    services = createServices({ dataDir: temp.dir, mode: 'serve' });
  });
  afterAll(async () => {
    await services?.close();
    temp.cleanup();
  });
  return () => {
    if (!services) throw new Error('tempServices: the services are built in beforeAll');
    return services;
  };
}
