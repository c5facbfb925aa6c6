import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  AlertChannel,
  AlertLogEntry,
  ChannelResult,
  SaveChannelInput,
  Silence,
  SilenceInput,
} from '../../../src-shared/contract/alerts.contract';
import { AppError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import type { AlertDelivery } from './alert-delivery';
import { testMessage } from './alert-message';
import type { AlertsRepo, ChannelConfig, ChannelRow, LogFilter } from './alerts.repo';

type ParsedSave = z.output<typeof SaveChannelInput>;
type ParsedSilence = z.output<typeof SilenceInput>;

const SECRET_LABEL: Record<ChannelRow['kind'], string> = {
  desktop: '',
  discord: 'Discord webhook URL',
  telegram: 'Telegram bot token',
  webhook: 'Webhook URL',
  slack: 'Slack webhook URL',
  ntfy: 'ntfy topic URL',
  email: '',
};

/**
 * Channel settings, silences, tests and the log, as the contract exposes them. Channel secrets go
 * to the SecretStore; what comes back out says only whether one is stored.
 */
export class AlertsService {
  constructor(
    private readonly repo: AlertsRepo,
    private readonly secrets: SecretStore,
    private readonly delivery: Pick<AlertDelivery, 'sendTo'>,
    private readonly clock: () => number = Date.now,
  ) {}

  channels(): AlertChannel[] {
    return this.repo.listChannels().map(redact);
  }

  async saveChannel(input: ParsedSave): Promise<AlertChannel> {
    const existing = input.id === undefined ? undefined : this.repo.getChannel(input.id);
    if (input.id !== undefined && !existing) throw new AppError('NOT_FOUND', `No alert channel with id ${input.id}`);
    if (existing && existing.kind !== input.kind) throw new AppError('CONFLICT', 'A channel cannot change its kind; add a new channel instead');

    const secret = secretOf(input);
    if (input.kind !== 'desktop' && input.kind !== 'email' && secret === undefined && !existing?.secretRef) {
      throw new AppError('BAD_INPUT', `${SECRET_LABEL[input.kind]} is required`);
    }
    const config = configOf(input, existing?.config ?? {});
    const now = this.clock();

    let secretRef = existing?.secretRef ?? null;
    let createdRef: string | undefined;
    if (secret !== undefined) {
      if (!secretRef) secretRef = createdRef = `alert-channel:${randomUUID()}`;
      await this.secrets.set(secretRef, secret);
    }
    try {
      const row = existing
        ? this.repo.updateChannel({ id: existing.id, name: input.name, enabled: input.enabled, config, secretRef }, now)
        : this.repo.insertChannel({ kind: input.kind, name: input.name, enabled: input.enabled, config, secretRef }, now);
      if (!row) throw new AppError('NOT_FOUND', `No alert channel with id ${input.id ?? '?'}`);
      return redact(row);
    } catch (error) {
      if (createdRef) await this.secrets.delete(createdRef);
      throw error;
    }
  }

  async removeChannel(id: number): Promise<{ removed: boolean }> {
    const existing = this.repo.getChannel(id);
    if (!existing) return { removed: false };
    this.repo.removeChannel(id);
    if (existing.secretRef) await this.secrets.delete(existing.secretRef);
    return { removed: true };
  }

  /** Sends a labelled test message through one channel, enabled or not, and returns its answer. */
  async test(channelId: number): Promise<ChannelResult> {
    const channel = this.repo.getChannel(channelId);
    if (!channel) throw new AppError('NOT_FOUND', `No alert channel with id ${channelId}`);
    return this.delivery.sendTo(channel, testMessage(channel.name, this.clock()));
  }

  silence(input: ParsedSilence): Silence {
    const now = this.clock();
    return this.repo.insertSilence(
      {
        scope: input.scope,
        target: input.scope === 'all' ? null : (input.target ?? null),
        untilMs: now + input.minutes * 60_000,
        reason: input.reason ? input.reason : null,
      },
      now,
    );
  }

  unsilence(id: number): { removed: boolean } {
    return { removed: this.repo.removeSilence(id) };
  }

  silences(): Silence[] {
    return this.repo.activeSilences(this.clock());
  }

  log(limit: number, filter: LogFilter = {}): AlertLogEntry[] {
    return this.repo.log(limit, filter);
  }

  /** Marks the alert (and that node's other alerts of the same code) acknowledged; reminders stop until it clears. */
  acknowledge(id: number, onAcknowledged: (nodeId: number, code: string) => void): { acknowledged: number } {
    const entry = this.repo.logEntry(id);
    if (!entry) throw new AppError('NOT_FOUND', 'That alert is no longer in the history');
    const acknowledged = this.repo.acknowledge(entry, this.clock());
    if (entry.nodeId !== null) onAcknowledged(entry.nodeId, entry.code);
    return { acknowledged };
  }
}

function redact(row: ChannelRow): AlertChannel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    config: row.config,
    hasSecret: row.secretRef !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The write-only value for the SecretStore, if this save carries one. */
function secretOf(input: ParsedSave): string | undefined {
  switch (input.kind) {
    case 'discord': {
      if (!input.webhookUrl) return undefined;
      // The schema already pinned the origin; keep only `<id>/<token>` so the URL is rebuilt on Discord's.
      const match = /webhooks\/(\d+)\/([A-Za-z0-9_-]+)/.exec(input.webhookUrl);
      if (!match) throw new AppError('BAD_INPUT', 'Not a Discord webhook URL');
      return `${match[1]}/${match[2]}`;
    }
    case 'telegram':
      return input.botToken || undefined;
    case 'webhook':
      return input.url || undefined;
    case 'slack':
      return input.webhookUrl || undefined;
    case 'ntfy':
      return input.topicUrl || undefined;
    case 'email':
      return input.password || undefined;
    case 'desktop':
      return undefined;
  }
}

function configOf(input: ParsedSave, previous: ChannelConfig): ChannelConfig {
  switch (input.kind) {
    case 'telegram':
      return { chatId: input.chatId };
    case 'webhook':
      return { host: input.url ? hostOf(input.url) : previous.host };
    case 'slack':
      return { host: 'hooks.slack.com' };
    case 'ntfy':
      return { host: input.topicUrl ? hostOf(input.topicUrl) : previous.host };
    case 'email':
      return { smtpHost: input.smtpHost, smtpPort: input.smtpPort, from: input.from, to: input.to, ...(input.username ? { username: input.username } : {}), allowSelfSigned: input.allowSelfSigned };
    default:
      return {};
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    throw new AppError('BAD_INPUT', 'Webhook URL is not a valid URL');
  }
}
