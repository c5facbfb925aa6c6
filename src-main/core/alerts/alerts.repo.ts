import { z } from 'zod';
import {
  AlertChannelKind,
  ChannelConfigView,
  ChannelResult,
  type AlertLogEntry,
  type Silence,
  type SilenceScope,
} from '../../../src-shared/contract/alerts.contract';
import type { Severity } from '../../../src-shared/contract/fleet.contract';
import type { Db } from '../store/database';
import { camelized } from '../store/rows';

/** Non-secret channel settings as stored in `config_json`. */
export const ChannelConfig = ChannelConfigView;
export type ChannelConfig = z.infer<typeof ChannelConfig>;

/** A channel as main keeps it: `secretRef` points into the SecretStore and never leaves main. */
export interface ChannelRow {
  id: number;
  kind: AlertChannelKind;
  name: string;
  enabled: boolean;
  config: ChannelConfig;
  secretRef: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewLogEntry {
  at: number;
  nodeId: number | null;
  code: string;
  severity: Severity;
  title: string;
  text: string;
  results: ChannelResult[];
  silenced: boolean;
}

interface RawChannel {
  id: number;
  kind: string;
  name: string;
  enabled: number;
  config_json: string;
  secret_ref: string | null;
  created_at: number;
  updated_at: number;
}

interface RawSilence {
  id: number;
  scope: SilenceScope;
  target: string | null;
  until_ms: number;
  reason: string | null;
  created_at: number;
}

interface RawLog {
  id: number;
  at: number;
  node_id: number | null;
  code: string;
  severity: Severity;
  title: string;
  text: string;
  channel_results_json: string;
  silenced: number;
  acknowledged_at: number | null;
}

export interface LogFilter {
  nodeId?: number;
  minSeverity?: Severity;
  unacknowledgedOnly?: boolean;
}

const SEVERITIES: Record<Severity, Severity[]> = { info: ['info', 'warning', 'critical'], warning: ['warning', 'critical'], critical: ['critical'] };

/** Keeps the log bounded: a storm of alerts must not grow the database without limit. */
const LOG_KEEP = 10_000;

/** SQL for channels, silences and the alert log (migrations 005 and 009). */
export class AlertsRepo {
  private readonly statements;
  private inserts = 0;
  private channelWrites = 0;

  constructor(private readonly db: Db) {
    this.statements = {
      channels: db.prepare<[], RawChannel>('SELECT * FROM alert_channels ORDER BY id'),
      channel: db.prepare<[number], RawChannel>('SELECT * FROM alert_channels WHERE id = ?'),
      insertChannel: db.prepare(`INSERT INTO alert_channels (kind, name, enabled, config_json, secret_ref, created_at, updated_at)
        VALUES (@kind, @name, @enabled, @config, @secretRef, @now, @now)`),
      updateChannel: db.prepare(`UPDATE alert_channels SET name = @name, enabled = @enabled, config_json = @config,
        secret_ref = @secretRef, updated_at = @now WHERE id = @id`),
      deleteChannel: db.prepare<[number]>('DELETE FROM alert_channels WHERE id = ?'),
      activeSilences: db.prepare<[number], RawSilence>('SELECT * FROM alert_silences WHERE until_ms > ? ORDER BY until_ms'),
      insertSilence: db.prepare(`INSERT INTO alert_silences (scope, target, until_ms, reason, created_at)
        VALUES (@scope, @target, @untilMs, @reason, @now)`),
      silence: db.prepare<[number], RawSilence>('SELECT * FROM alert_silences WHERE id = ?'),
      deleteSilence: db.prepare<[number]>('DELETE FROM alert_silences WHERE id = ?'),
      purgeSilences: db.prepare<[number]>('DELETE FROM alert_silences WHERE until_ms <= ?'),
      // A status may arrive for a node removed a moment ago: keep the entry, drop the dangling id.
      insertLog: db.prepare(`INSERT INTO alerts_log (at, node_id, code, severity, title, text, channel_results_json, silenced)
        VALUES (@at, (SELECT id FROM nodes WHERE id = @nodeId), @code, @severity, @title, @text, @results, @silenced)`),
      log: db.prepare<[number], RawLog>('SELECT * FROM alerts_log ORDER BY at DESC, id DESC LIMIT ?'),
      filteredLog: db.prepare<{ nodeId: number | null; severities: string; unacked: number; limit: number }, RawLog>(`SELECT * FROM alerts_log
        WHERE (@nodeId IS NULL OR node_id = @nodeId)
          AND severity IN (SELECT value FROM json_each(@severities))
          AND (@unacked = 0 OR acknowledged_at IS NULL)
        ORDER BY at DESC, id DESC LIMIT @limit`),
      logEntry: db.prepare<[number], RawLog>('SELECT * FROM alerts_log WHERE id = ?'),
      ackCode: db.prepare(`INSERT INTO alert_acks (node_id, code, acked_at) SELECT id, @code, @now FROM nodes WHERE id = @nodeId
        ON CONFLICT (node_id, code) DO UPDATE SET acked_at = excluded.acked_at`),
      ackLog: db.prepare(`UPDATE alerts_log SET acknowledged_at = @now WHERE acknowledged_at IS NULL AND node_id = @nodeId AND code = @code`),
      ackOne: db.prepare<[number, number]>('UPDATE alerts_log SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL'),
      clearAck: db.prepare<[number, string]>('DELETE FROM alert_acks WHERE node_id = ? AND code = ?'),
      acks: db.prepare<[], { node_id: number; code: string }>('SELECT node_id, code FROM alert_acks'),
      pruneLog: db.prepare<[number]>('DELETE FROM alerts_log WHERE id <= (SELECT id FROM alerts_log ORDER BY id DESC LIMIT 1 OFFSET ?)'),
    };
  }

  /** Changes with every channel write through this repo (the alert policy's cue to re-read). */
  get channelsRevision(): number {
    return this.channelWrites;
  }

  listChannels(): ChannelRow[] {
    return this.statements.channels.all().flatMap(toChannel);
  }

  getChannel(id: number): ChannelRow | undefined {
    const raw = this.statements.channel.get(id);
    return raw ? toChannel(raw)[0] : undefined;
  }

  insertChannel(channel: Omit<ChannelRow, 'id' | 'createdAt' | 'updatedAt'>, now = Date.now()): ChannelRow {
    this.channelWrites++;
    const info = this.statements.insertChannel.run({
      kind: channel.kind,
      name: channel.name,
      enabled: channel.enabled ? 1 : 0,
      config: JSON.stringify(channel.config),
      secretRef: channel.secretRef,
      now,
    });
    return this.getChannel(Number(info.lastInsertRowid))!;
  }

  updateChannel(channel: Pick<ChannelRow, 'id' | 'name' | 'enabled' | 'config' | 'secretRef'>, now = Date.now()): ChannelRow | undefined {
    this.channelWrites++;
    this.statements.updateChannel.run({
      id: channel.id,
      name: channel.name,
      enabled: channel.enabled ? 1 : 0,
      config: JSON.stringify(channel.config),
      secretRef: channel.secretRef,
      now,
    });
    return this.getChannel(channel.id);
  }

  removeChannel(id: number): boolean {
    this.channelWrites++;
    return this.statements.deleteChannel.run(id).changes > 0;
  }

  activeSilences(now: number): Silence[] {
    return this.statements.activeSilences.all(now).map(toSilence);
  }

  insertSilence(silence: { scope: SilenceScope; target: string | null; untilMs: number; reason: string | null }, now = Date.now()): Silence {
    this.statements.purgeSilences.run(now);
    const info = this.statements.insertSilence.run({ ...silence, now });
    return toSilence(this.statements.silence.get(Number(info.lastInsertRowid))!);
  }

  removeSilence(id: number): boolean {
    return this.statements.deleteSilence.run(id).changes > 0;
  }

  insertLog(entry: NewLogEntry): void {
    this.statements.insertLog.run({
      ...entry,
      results: JSON.stringify(entry.results),
      silenced: entry.silenced ? 1 : 0,
    });
    if (++this.inserts % 500 === 0) this.statements.pruneLog.run(LOG_KEEP);
  }

  insertLogs(entries: readonly NewLogEntry[]): void {
    this.db.transaction(() => entries.forEach((entry) => this.insertLog(entry))).immediate();
  }

  log(limit: number, filter: LogFilter = {}): AlertLogEntry[] {
    if (filter.nodeId === undefined && filter.minSeverity === undefined && !filter.unacknowledgedOnly) return this.statements.log.all(limit).map(toLogEntry);
    return this.statements.filteredLog
      .all({
        nodeId: filter.nodeId ?? null,
        severities: JSON.stringify(SEVERITIES[filter.minSeverity ?? 'info']),
        unacked: filter.unacknowledgedOnly ? 1 : 0,
        limit,
      })
      .map(toLogEntry);
  }

  logEntry(id: number): AlertLogEntry | undefined {
    const raw = this.statements.logEntry.get(id);
    return raw ? toLogEntry(raw) : undefined;
  }

  /**
   * Acknowledges a log entry: for a node's alert, every unacknowledged entry of that node and code
   * too, and the (node, code) pair is remembered until the problem clears. Returns entries marked.
   */
  acknowledge(entry: Pick<AlertLogEntry, 'id' | 'nodeId' | 'code'>, now = Date.now()): number {
    return this.db
      .transaction(() => {
        if (entry.nodeId === null) return this.statements.ackOne.run(now, entry.id).changes;
        this.statements.ackCode.run({ nodeId: entry.nodeId, code: entry.code, now });
        return this.statements.ackLog.run({ nodeId: entry.nodeId, code: entry.code, now }).changes;
      })
      .immediate();
  }

  /** The problem cleared: the next time it appears it alerts again. */
  clearAcknowledgement(nodeId: number, code: string): void {
    this.statements.clearAck.run(nodeId, code);
  }

  acknowledgements(): Array<{ nodeId: number; code: string }> {
    return this.statements.acks.all().map((row) => ({ nodeId: row.node_id, code: row.code }));
  }
}

function toChannel(raw: RawChannel): ChannelRow[] {
  const kind = AlertChannelKind.safeParse(raw.kind);
  if (!kind.success) return [];
  const { configJson, enabled, ...rest } = camelized(raw);
  return [{ ...rest, kind: kind.data, enabled: enabled === 1, config: parseJson(configJson, ChannelConfig) ?? {} }];
}

function toSilence(raw: RawSilence): Silence {
  return camelized(raw);
}

function toLogEntry(raw: RawLog): AlertLogEntry {
  const { channelResultsJson, silenced, ...rest } = camelized(raw);
  return { ...rest, results: parseJson(channelResultsJson, z.array(ChannelResult)) ?? [], silenced: silenced === 1 };
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
