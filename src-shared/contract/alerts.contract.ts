import { z } from 'zod';
import { channel, event } from './define';
import { Severity } from './fleet.contract';

const int = z.number().int();
const id = int.positive();

export const AlertChannelKind = z.enum(['desktop', 'discord', 'telegram', 'webhook', 'email', 'ntfy', 'slack']);
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
    'That is not a Discord webhook URL. Copy it from Discord: Server settings → Integrations → Webhooks (https://discord.com/api/webhooks/…)',
  );

/** BotFather's token format: `<bot id>:<secret>`. */
export const TelegramBotToken = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,100}$/, 'That is not a Telegram bot token. @BotFather gives one that looks like 123456789:AA…');

/** A numeric chat id (groups are negative) or a public channel's @username. */
export const TelegramChatId = z
  .string()
  .trim()
  .regex(/^-?\d{1,20}$|^@[A-Za-z][A-Za-z0-9_]{4,31}$/, 'That is not a Telegram chat id. Use a number (e.g. -1001234567890) or @channelname');

export const WebhookUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'That is not a web address. A webhook URL starts with https:// or http://');

/** A Slack incoming-webhook URL (Slack app → Incoming Webhooks). */
export const SlackWebhookUrl = z
  .string()
  .trim()
  .max(512)
  .regex(/^https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/, 'That is not a Slack webhook URL. It looks like https://hooks.slack.com/services/T…/B…/…');

/** An ntfy topic URL: the server (ntfy.sh or your own) and the topic, which acts as the password. */
export const NtfyTopicUrl = z
  .string()
  .trim()
  .max(512)
  .regex(/^https?:\/\/[^\s/?#]+\/[A-Za-z0-9_-]{1,64}\/?$/, 'That is not an ntfy topic URL. It looks like https://ntfy.sh/your-secret-topic');

const EmailAddress = z.string().trim().max(254).regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'That is not an email address');
const SmtpHost = z.string().trim().min(1, 'Enter the mail server name, e.g. smtp.example.com').max(253).regex(/^[A-Za-z0-9.-]+$/, 'That is not a mail server name');

const ChannelName = z.string().trim().min(1, 'Name is required').max(64, 'Name is at most 64 characters');

/** Non-secret channel settings (shown and stored as they are). */
export const ChannelConfigView = z.object({
  chatId: z.string().optional(),
  host: z.string().optional(),
  /** Email: SMTP server, port, sender, recipient, login name; STARTTLS is always required. */
  smtpHost: z.string().optional(),
  smtpPort: int.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  username: z.string().optional(),
  /** Email: accept the server's certificate without a trusted chain (a self-signed relay on your LAN). */
  allowSelfSigned: z.boolean().optional(),
});
export type ChannelConfigView = z.infer<typeof ChannelConfigView>;

/** A delivery channel as the renderer sees it: secrets are never included, only whether one is stored. */
export const AlertChannel = z.object({
  id,
  kind: AlertChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  /** Non-secret settings, e.g. the Telegram chat id or the webhook's host name. */
  config: ChannelConfigView,
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
  z.object({ ...saveBase, kind: z.literal('slack'), webhookUrl: SlackWebhookUrl.optional() }).strict(),
  z.object({ ...saveBase, kind: z.literal('ntfy'), topicUrl: NtfyTopicUrl.optional() }).strict(),
  z
    .object({
      ...saveBase,
      kind: z.literal('email'),
      smtpHost: SmtpHost,
      smtpPort: int.min(1, 'A port is a number from 1 to 65535').max(65535, 'A port is a number from 1 to 65535').default(587),
      from: EmailAddress,
      to: EmailAddress,
      username: z.string().trim().max(254).optional(),
      /** Write-only, like every channel secret. */
      password: z.string().max(512).optional(),
      allowSelfSigned: z.boolean().default(false),
    })
    .strict(),
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
  /** When someone acknowledged it (stops reminders until the node's state changes); null if not. */
  acknowledgedAt: int.nullable(),
});
export type AlertLogEntry = z.infer<typeof AlertLogEntry>;

export const AlertFired = z.object({
  title: z.string(),
  text: z.string(),
  severity: Severity,
  at: int,
  /** The node it is about, so a banner can link to it; null for digests. */
  nodeId: int.nullable().default(null),
});
export type AlertFired = z.infer<typeof AlertFired>;

/** Reward-risk warnings operators fear most: on by default (issue: a lost payment). */
export const DEFAULT_OPT_IN_CODES = ['PAYMENT_MISSED', 'CONFIRMATION_OVERDUE'] as const;

/**
 * Which problems reach which channel. A problem alerts when its severity reaches a channel's
 * minimum, or when its code is opted in (then every enabled channel gets it, whatever its minimum).
 */
export const AlertRules = z.object({
  /** Channel id (as text) → lowest severity sent there. Missing: `defaultMinSeverity`. */
  channelMinSeverity: z.record(z.string().regex(/^\d{1,12}$/), Severity).default({}),
  defaultMinSeverity: Severity.default('critical'),
  /** Problem codes sent whatever their severity. */
  optInCodes: z.array(z.string().trim().regex(/^[A-Z0-9_]{2,64}$/, 'A problem code is upper case, like PAYMENT_MISSED')).max(200).default([...DEFAULT_OPT_IN_CODES]),
  /** Hours between reminders for an alert nobody acknowledged while it persists; 0 = never repeat. */
  repeatHours: int.min(0).max(24 * 7).default(4),
});
export type AlertRules = z.infer<typeof AlertRules>;

export const HeartbeatState = z.object({
  /** Whether a heartbeat URL is stored (the URL itself is a secret: it identifies your check). */
  configured: z.boolean(),
  host: z.string().nullable(),
  lastAt: int.nullable(),
  lastOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
});
export type HeartbeatState = z.infer<typeof HeartbeatState>;

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
  'alerts:log': channel(
    z
      .object({
        limit: int.min(1).max(1000).default(100),
        /** Only this node's alerts (its history). */
        nodeId: id.optional(),
        minSeverity: Severity.optional(),
        unacknowledgedOnly: z.boolean().optional(),
      })
      .strict(),
    z.array(AlertLogEntry),
  ),
  /** Acknowledge one alert: no reminders for that node and code until its state changes. */
  'alerts:acknowledge': channel(z.object({ id }).strict(), z.object({ acknowledged: int })),
  'alerts:rules': channel(z.object({}).strict(), AlertRules),
  'alerts:saveRules': channel(AlertRules, AlertRules),
  'alerts:heartbeat': channel(z.object({}).strict(), HeartbeatState),
  /** Store (url) or clear (null) the heartbeat URL; FluxDeck calls it with GET every poll cycle. */
  'alerts:saveHeartbeat': channel(z.object({ url: WebhookUrl.nullable() }).strict(), HeartbeatState),
  'alerts:testHeartbeat': channel(z.object({}).strict(), HeartbeatState),
};

export const alertsEvents = {
  /** An alert (or digest) was sent; serve mode shows it as an in-app banner. */
  'alerts:onFired': event(AlertFired),
};
