import { z } from 'zod';
import { channel, event } from './define';

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

/**
 * Whether poll history is being written. When SQLite refuses writes (disk full, read-only data
 * dir, I/O errors) polling and alerting go on from memory and the UI shows one banner with `reason`.
 */
export const StorageStatus = z.object({
  saving: z.boolean(),
  /** e.g. "history is not being saved: disk full". */
  reason: z.string().optional(),
  /** When writes started failing (epoch ms). */
  since: z.number().int().optional(),
  /** Statuses held in memory, written when the disk takes writes again. */
  pending: z.number().int().nonnegative(),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

export const appChannels = {
  'app:info': channel(z.object({}).strict(), AppInfo),
  'app:storage': channel(z.object({}).strict(), StorageStatus),
};

export const appEvents = {
  /** Published when history writing stops or resumes. */
  'app:onStorage': event(StorageStatus),
};
