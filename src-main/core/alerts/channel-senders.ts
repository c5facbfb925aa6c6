import type { AlertMessage } from './alert-message';
import { plainText } from './alert-message';
import { capChars, cleanLine, escapeDiscord } from './alert-text';
import { postBody, postJson, type PostOptions, type PostOutcome } from './http-post';
import type { Notifier } from './notifier';

/** Hard limits of the receiving services (Discord `content`, Telegram `text`). */
export const DISCORD_MAX = 2000;
export const TELEGRAM_MAX = 4096;
/** Generic receivers get more room, but still a bound. */
export const WEBHOOK_TEXT_MAX = 16_000;

export const DEFAULT_DISCORD_BASE = 'https://discord.com';
export const DEFAULT_TELEGRAM_BASE = 'https://api.telegram.org';

type HttpOptions = Omit<PostOptions, 'secrets'>;

/** The Discord `content`: bold title, escaped text, capped at Discord's limit. */
export function discordContent(message: AlertMessage): string {
  const label = message.kind === 'test' ? '[TEST] ' : '';
  return capChars(`**${escapeDiscord(label + message.title)}**\n${escapeDiscord(message.text)}`, DISCORD_MAX);
}

/** `secret` is the `<webhook id>/<token>` pair; the URL is always rebuilt on the Discord base. */
export function sendDiscord(message: AlertMessage, secret: string, baseUrl: string, http: HttpOptions): Promise<PostOutcome> {
  const url = `${trimSlash(baseUrl)}/api/webhooks/${secret}`;
  const body = { content: discordContent(message), username: 'FluxDeck', allowed_mentions: { parse: [] } };
  return postJson(url, body, { ...http, secrets: [secret, ...secret.split('/')] });
}

/** Plain text, no parse_mode: nothing in a node name can turn into markup or a link preview. */
export function sendTelegram(message: AlertMessage, token: string, chatId: string, baseUrl: string, http: HttpOptions): Promise<PostOutcome> {
  const url = `${trimSlash(baseUrl)}/bot${token}/sendMessage`;
  const body = { chat_id: chatId, text: capChars(plainText(message), TELEGRAM_MAX), link_preview_options: { is_disabled: true } };
  return postJson(url, body, { ...http, secrets: [token] });
}

/** `{ title, text, nodes, at }` plus `severity` and `kind`; `at` is ISO 8601. */
export function webhookBody(message: AlertMessage) {
  return {
    title: message.kind === 'test' ? `[TEST] ${message.title}` : message.title,
    text: capChars(message.text, WEBHOOK_TEXT_MAX),
    severity: message.severity,
    kind: message.kind,
    nodes: message.nodes,
    at: new Date(message.at).toISOString(),
  };
}

export function sendWebhook(message: AlertMessage, url: string, http: HttpOptions): Promise<PostOutcome> {
  let secrets = [url];
  try {
    const parsed = new URL(url);
    // Tokens hide in the path, query or user info; the host alone is safe to show.
    secrets = [url, parsed.pathname + parsed.search, parsed.search, parsed.username, parsed.password].filter((part) => part.length > 1);
  } catch {
    // An unparsable URL fails in fetch and is scrubbed whole.
  }
  return postJson(url, webhookBody(message), { ...http, secrets });
}

export async function sendDesktop(message: AlertMessage, notifier: Notifier | undefined): Promise<PostOutcome> {
  if (!notifier) return { ok: false, status: null, error: 'Desktop notifications are not available here', attempts: 0 };
  try {
    const text = plainText(message);
    const newline = text.indexOf('\n');
    await notifier.notify({
      title: capChars(newline < 0 ? text : text.slice(0, newline), 200),
      body: capChars(newline < 0 ? '' : text.slice(newline + 1), 1000),
      severity: message.severity,
    });
    return { ok: true, status: null, error: null, attempts: 1 };
  } catch (error) {
    return { ok: false, status: null, error: `Notification failed: ${cleanLine(error instanceof Error ? error.message : 'unknown error', 160)}`, attempts: 1 };
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Slack's incoming webhooks take `text` with mrkdwn; plain text is escaped so nothing becomes a link or mention. */
export function slackBody(message: AlertMessage) {
  const label = message.kind === 'test' ? '[TEST] ' : '';
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { text: capChars(`*${escape(label + message.title)}*\n${escape(message.text)}`, SLACK_MAX), unfurl_links: false, unfurl_media: false };
}

export const SLACK_MAX = 3000;

export function sendSlack(message: AlertMessage, url: string, http: HttpOptions): Promise<PostOutcome> {
  return postJson(url, slackBody(message), { ...http, secrets: [url, ...url.split('/').slice(4)] });
}

const NTFY_PRIORITY: Record<AlertMessage['severity'], string> = { info: '3', warning: '4', critical: '5' };

/** ntfy: the body is the text, the title and priority travel as headers (ASCII only, so the title is cleaned). */
export function sendNtfy(message: AlertMessage, topicUrl: string, http: HttpOptions): Promise<PostOutcome> {
  const label = message.kind === 'test' ? '[TEST] ' : '';
  const title = cleanLine(label + message.title, 200).replace(/[^\x20-\x7e]/g, '?');
  const headers = { 'content-type': 'text/plain; charset=utf-8', title, priority: NTFY_PRIORITY[message.severity], tags: message.severity === 'critical' ? 'rotating_light' : 'bell' };
  const topic = topicUrl.replace(/\/+$/, '').split('/').at(-1) ?? topicUrl;
  return postBody(topicUrl.replace(/\/+$/, ''), capChars(message.text, 4000), headers, { ...http, secrets: [topicUrl, topic] });
}
