import type { ChannelResult } from '../../../src-shared/contract/alerts.contract';
import type { SecretStore } from '../secrets/secret-store';
import type { AlertMessage } from './alert-message';
import type { AlertsRepo, ChannelRow } from './alerts.repo';
import { DEFAULT_DISCORD_BASE, DEFAULT_TELEGRAM_BASE, sendDesktop, sendDiscord, sendNtfy, sendSlack, sendTelegram, sendWebhook } from './channel-senders';
import { sendEmail } from './email-sender';
import type { PostOutcome } from './http-post';
import type { Notifier } from './notifier';

export interface DeliveryOptions {
  repo: AlertsRepo;
  secrets: SecretStore;
  /** Desktop notifications; without one, desktop channels report that they cannot show anything. */
  notifier?: Notifier;
  /** Overridable so tests (and proxies) can point the senders at another server. */
  discordBaseUrl?: string;
  telegramBaseUrl?: string;
  /** Per HTTP attempt. Default 10 s. */
  timeoutMs?: number;
  /** Longest 429 `retry_after` waited out once. Default 30 s. */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Extra CA certificates for SMTP servers (tests trust their own self-signed server). */
  smtpCa?: string;
  /** Which channel takes which message (the user's alert rules); default every enabled channel. */
  accepts?: (channel: ChannelRow, message: AlertMessage) => boolean;
  /** Where delivery failures are reported (one line each, secret-free). Default console.warn. */
  log?: (line: string) => void;
}

/**
 * Sends messages to channels. Every channel runs in parallel with its own deadline, so a hung
 * receiver delays only its own result; nothing here throws.
 */
export class AlertDelivery {
  private readonly log: (line: string) => void;

  constructor(private readonly options: DeliveryOptions) {
    this.log = options.log ?? ((line) => console.warn(line));
  }

  /** Sends to every enabled channel. */
  async sendToAll(message: AlertMessage): Promise<ChannelResult[]> {
    const accepts = this.options.accepts ?? (() => true);
    const channels = this.options.repo.listChannels().filter((channel) => channel.enabled && accepts(channel, message));
    return Promise.all(channels.map((channel) => this.sendTo(channel, message)));
  }

  async sendTo(channel: ChannelRow, message: AlertMessage): Promise<ChannelResult> {
    let outcome: PostOutcome;
    try {
      outcome = await this.dispatch(channel, message);
    } catch (error) {
      // Senders do not throw; this covers a secret store that cannot decrypt and the like.
      outcome = { ok: false, status: null, error: error instanceof Error && 'code' in error ? `Stored secret unavailable (${String(error.code)})` : 'Delivery failed unexpectedly', attempts: 0 };
    }
    const result: ChannelResult = { channelId: channel.id, channelName: channel.name, kind: channel.kind, ...outcome };
    if (!result.ok) this.log(`[alerts] channel "${channel.name}" (${channel.kind}) failed: ${result.error ?? 'unknown error'}`);
    return result;
  }

  private async dispatch(channel: ChannelRow, message: AlertMessage): Promise<PostOutcome> {
    const http = { timeoutMs: this.options.timeoutMs ?? 10_000, maxRetryWaitMs: this.options.maxRetryWaitMs ?? 30_000, sleep: this.options.sleep };
    if (channel.kind === 'desktop') return sendDesktop(message, this.options.notifier);
    const secret = channel.secretRef ? await this.options.secrets.get(channel.secretRef) : undefined;
    if (channel.kind === 'email') return sendEmail(message, channel.config, secret ?? undefined, { timeoutMs: http.timeoutMs, ca: this.options.smtpCa });
    if (!secret) return { ok: false, status: null, error: 'No webhook URL or token stored; edit the channel', attempts: 0 };
    switch (channel.kind) {
      case 'discord':
        return sendDiscord(message, secret, this.options.discordBaseUrl ?? DEFAULT_DISCORD_BASE, http);
      case 'telegram':
        if (!channel.config.chatId) return { ok: false, status: null, error: 'No chat id configured', attempts: 0 };
        return sendTelegram(message, secret, channel.config.chatId, this.options.telegramBaseUrl ?? DEFAULT_TELEGRAM_BASE, http);
      case 'webhook':
        return sendWebhook(message, secret, http);
      case 'slack':
        return sendSlack(message, secret, http);
      case 'ntfy':
        return sendNtfy(message, secret, http);
    }
  }
}
