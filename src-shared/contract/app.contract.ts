import { z } from 'zod';
import { channel } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  mode: z.enum(['electron', 'serve']),
  secretBackend: z.object({ backend: z.string(), persistent: z.boolean(), warning: z.string().optional() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app:info': channel(z.object({}).strict(), AppInfo),
};
