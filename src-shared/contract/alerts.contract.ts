import { z } from 'zod';
import { channel, event } from './define';
import { Severity } from './fleet.contract';

const int = z.number().int();
const id = int.positive();

export const AlertChannelKind = z.enum(['desktop', 'discord', 'telegram', 'webhook']);
export type AlertChannelKind = z.infer<typeof AlertChannelKind>;

/**
 * A Discord webhook URL as Discord shows it. Only the `<id>/<token>` part is kept (in the secret
 * store); main rebuilds the URL on Discord's own origin, so this kind can never post elsewhere.
 */
export const DiscordWebhookUrl = z
  .string()
  .trim()
  .max(512)
  .regex(
    /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20,200}\/?$/,
    'Paste the webhook URL from Discord (https://discord.com/api/webhooks/…)',
  );

/** BotFather's token format: `<bot id>:<secret>`. */
export const TelegramBotToken = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,100}$/, 'A bot token looks like 123456789:AA… (from @BotFather)');

/** A numeric chat id (groups are negative) or a public channel's @username. */
export const TelegramChatId = z
  .string()
  .trim()
  .regex(/^-?\d{1,20}$|^@[A-Za-z][A-Za-z0-9_]{4,31}$/, 'Chat id is a number (e.g. -1001234567890) or @channelname');

export const WebhookUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'Webhook URL must start with https:// or http://');

const ChannelName = z.string().trim().min(1, 'Name is required').max(64, 'Name is at most 64 characters');

/** A delivery channel as the renderer sees it: secrets are never included, only whether one is stored. */
export const AlertChannel = z.object({
  id,
  kind: AlertChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  /** Non-secret settings, e.g. the Telegram chat id or the webhook's host name. */
  config: z.object({ chatId: z.string().optional(), host: z.string().optional() }),
  /** True when the write-only secret (webhook URL, bot token) is stored in main. */
  hasSecret: z.boolean(),
  createdAt: int,
  updatedAt: int,
});
export type AlertChannel = z.infer<typeof AlertChannel>;

const saveBase = { id: id.optional(), name: ChannelName, enabled: z.boolean().default(true) };

/**
 * Create (no `id`) or update a channel. Secret fields are write-only: omit them on update to keep
 * the stored value; they are required when creating a channel that needs one.
 */
export const SaveChannelInput = z.discriminatedUnion('kind', [
  z.object({ ...saveBase, kind: z.literal('desktop') }).strict(),
  z.object({ ...saveBase, kind: z.literal('discord'), webhookUrl: DiscordWebhookUrl.optional() }).strict(),
  z.object({ ...saveBase, kind: z.literal('telegram'), chatId: TelegramChatId, botToken: TelegramBotToken.optional() }).strict(),
  z.object({ ...saveBase, kind: z.literal('webhook'), url: WebhookUrl.optional() }).strict(),
]);
export type SaveChannelInput = z.input<typeof SaveChannelInput>;

/** What one channel answered for one message. */
export const ChannelResult = z.object({
  channelId: int,
  channelName: z.string(),
  kind: AlertChannelKind,
  ok: z.boolean(),
  /** HTTP status of the last attempt; null when no HTTP answer came (timeout, refused, desktop). */
  status: int.nullable(),
  /** Short, sanitised, secret-free reason when not ok. */
  error: z.string().nullable(),
  attempts: int,
});
export type ChannelResult = z.infer<typeof ChannelResult>;

export const SilenceScope = z.enum(['node', 'tag', 'all']);
export type SilenceScope = z.infer<typeof SilenceScope>;

export const Silence = z.object({
  id,
  scope: SilenceScope,
  /** Node id (as text) for `node`, the tag for `tag`, null for `all`. */
  target: z.string().nullable(),
  untilMs: int,
  reason: z.string().nullable(),
  createdAt: int,
});
export type Silence = z.infer<typeof Silence>;

export const SilenceInput = z
  .object({
    scope: SilenceScope,
    target: z.string().trim().min(1).max(64).optional(),
    /** Up to 30 days: maintenance periods, not a way to switch alerts off for good. */
    minutes: int.min(1).max(60 * 24 * 30),
    reason: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((input) => input.scope === 'all' || input.target !== undefined, { message: 'Pick the node or tag to silence', path: ['target'] })
  .refine((input) => input.scope !== 'node' || /^\d{1,12}$/.test(input.target ?? ''), { message: 'Node silences target a node id', path: ['target'] });
export type SilenceInput = z.input<typeof SilenceInput>;

export const AlertLogEntry = z.object({
  id,
  at: int,
  /** Null for digests that cover many nodes. */
  nodeId: int.nullable(),
  code: z.string(),
  severity: Severity,
  title: z.string(),
  text: z.string(),
  results: z.array(ChannelResult),
  /** Recorded during a silence: not sent anywhere. */
  silenced: z.boolean(),
});
export type AlertLogEntry = z.infer<typeof AlertLogEntry>;

export const AlertFired = z.object({ title: z.string(), text: z.string(), severity: Severity, at: int });
export type AlertFired = z.infer<typeof AlertFired>;

export const alertsChannels = {
  /** Configured delivery channels, secrets redacted (`hasSecret`). */
  'alerts:channels': channel(z.object({}).strict(), z.array(AlertChannel)),
  'alerts:saveChannel': channel(SaveChannelInput, AlertChannel),
  'alerts:removeChannel': channel(z.object({ id }).strict(), z.object({ removed: z.boolean() })),
  /** Sends a clearly labelled test message through one channel and reports what it answered. */
  'alerts:test': channel(z.object({ channelId: id }).strict(), ChannelResult),
  'alerts:silence': channel(SilenceInput, Silence),
  'alerts:unsilence': channel(z.object({ id }).strict(), z.object({ removed: z.boolean() })),
  /** Silences still in force. */
  'alerts:silences': channel(z.object({}).strict(), z.array(Silence)),
  /** Most recent alerts first, silenced ones included. */
  'alerts:log': channel(z.object({ limit: int.min(1).max(1000).default(100) }).strict(), z.array(AlertLogEntry)),
};

export const alertsEvents = {
  /** An alert (or digest) was sent; serve mode shows it as an in-app banner. */
  'alerts:onFired': event(AlertFired),
};
