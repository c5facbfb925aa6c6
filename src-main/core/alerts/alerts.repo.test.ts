import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertsRepo } from './alerts.repo';
import { openAlertsDb } from '../../testkit/alerts-harness';

describe('migration 005 and AlertsRepo', () => {
  let harness: ReturnType<typeof openAlertsDb>;
  let repo: AlertsRepo;
  beforeEach(() => {
    harness = openAlertsDb();
    repo = new AlertsRepo(harness.db);
  });
  afterEach(() => harness.cleanup());

  it('creates the tables (schema version 9) and seeds one desktop channel', () => {
    expect(harness.db.pragma('user_version', { simple: true })).toBe(9);
    expect(repo.listChannels()).toMatchObject([{ id: 1, kind: 'desktop', name: 'This computer', enabled: true, secretRef: null }]);
  });

  it('refuses a silence whose target does not fit its scope', () => {
    const insert = harness.db.prepare('INSERT INTO alert_silences (scope, target, until_ms, created_at) VALUES (?, ?, 1, 1)');
    expect(() => insert.run('all', 'x')).toThrow(/CHECK/);
    expect(() => insert.run('tag', null)).toThrow(/CHECK/);
    expect(() => insert.run('everything', null)).toThrow(/CHECK/);
  });

  it('keeps log entries of a removed node, without its id', () => {
    harness.addNode(5);
    repo.insertLog({ at: 1, nodeId: 5, code: 'DOS', severity: 'critical', title: 't', text: '', results: [], silenced: false });
    harness.db.prepare('DELETE FROM nodes WHERE id = 5').run();
    expect(repo.log(10)).toMatchObject([{ code: 'DOS', nodeId: null }]);
  });

  it('skips rows it cannot understand instead of failing the whole list', () => {
    harness.db.prepare("UPDATE alert_channels SET config_json = '{\"chatId\": 42}' WHERE id = 1").run();
    harness.db.prepare("INSERT INTO alerts_log (at, code, severity, title, text, channel_results_json) VALUES (1, 'X', 'info', 't', '', '[{\"bogus\": true}]')").run();
    expect(repo.listChannels()[0]!.config).toEqual({});
    expect(repo.log(10)[0]!.results).toEqual([]);
  });
});
