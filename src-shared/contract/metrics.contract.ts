import { z } from 'zod';
import { channel } from './define';

/** The Prometheus endpoint as the app runs it; the token is write-only (never sent back). */
export const MetricsSettingsView = z.object({
  enabled: z.boolean(),
  port: z.number().int(),
  /** Whether a token is stored (in the secret store); the token itself never leaves main. */
  tokenSet: z.boolean(),
  /** Whether the stored token survives a restart (the secret store's backend). */
  tokenPersistent: z.boolean(),
  /** The running endpoint, or null. */
  url: z.string().nullable(),
  /** Why it is not running although enabled (port taken, no token…). */
  error: z.string().nullable(),
});
export type MetricsSettingsView = z.infer<typeof MetricsSettingsView>;

export const MetricsToken = z.string().regex(/^\S{16,200}$/, 'The token is at least 16 characters, without spaces');

export const metricsChannels = {
  'metrics:settings': channel(z.object({}).strict(), MetricsSettingsView),
  /** Turns `/metrics` on or off, moves it to another port, or sets its bearer token; restarts it as needed. */
  'metrics:save': channel(
    z.object({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).optional(), token: MetricsToken.optional() }).strict(),
    MetricsSettingsView,
  ),
};
