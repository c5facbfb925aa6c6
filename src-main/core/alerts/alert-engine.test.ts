import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertFired, ChannelResult } from '../../../src-shared/contract/alerts.contract';
import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import { AlertEngine } from './alert-engine';
import type { AlertMessage } from './alert-message';
import { AlertsRepo } from './alerts.repo';
import { nodeStatus, openAlertsDb } from '../../testkit/alerts-harness';

const critical = (code: string, message = `${code} happened`): Problem => ({ code, severity: 'critical', message });
const warning = (code: string): Problem => ({ code, severity: 'warning', message: `${code} is close` });

describe('AlertEngine', () => {
  let harness: ReturnType<typeof openAlertsDb>;
  let repo: AlertsRepo;
  let sent: AlertMessage[];
  let fired: AlertFired[];
  let engine: AlertEngine;
  let clock: number;
  const last = new Map<number, NodeStatus>();

  function makeEngine(options: Partial<ConstructorParameters<typeof AlertEngine>[0]> = {}): AlertEngine {
    return new AlertEngine({
      repo,
      delivery: {
        sendToAll: async (message): Promise<ChannelResult[]> => {
          sent.push(message);
          return [{ channelId: 1, channelName: 'This computer', kind: 'desktop', ok: true, status: null, error: null, attempts: 1 }];
        },
      },
      autoFlush: false,
      onFired: (payload) => fired.push(payload),
      log: () => undefined,
      ...options,
    });
  }

  /** One poll of one node: feeds the engine its previous and new status, 10 s apart. */
  function poll(nodeId: number, overrides: Partial<NodeStatus> = {}): void {
    const next = nodeStatus({ nodeId, ...overrides });
    engine.observe(last.get(nodeId), next, clock);
    last.set(nodeId, next);
    clock += 10;
  }

  beforeEach(() => {
    harness = openAlertsDb();
    for (let id = 1; id <= 100; id++) harness.addNode(id);
    repo = new AlertsRepo(harness.db);
    sent = [];
    fired = [];
    clock = 1_000_000;
    last.clear();
    engine = makeEngine();
  });
  afterEach(() => harness.cleanup());

  it('alerts once after 3 consecutive unreachable polls, then sends one recovery', async () => {
    poll(1, { health: 'ok' });
    poll(1, { health: 'unreachable' });
    poll(1, { health: 'unreachable' });
    await engine.flush(clock);
    expect(sent).toHaveLength(0);

    for (let i = 0; i < 5; i++) poll(1, { health: 'unreachable' });
    await engine.flush(clock);
    expect(sent.map((message) => message.nodes[0]?.code)).toEqual(['NODE_UNREACHABLE']);
    expect(sent[0]!.title).toBe('node-1 is unreachable');

    poll(1, { health: 'ok' });
    poll(1, { health: 'ok' });
    await engine.flush(clock);
    expect(sent.map((message) => message.nodes[0]?.code)).toEqual(['NODE_UNREACHABLE', 'NODE_RECOVERED']);
  });

  it('stays quiet about a blip shorter than the debounce, recovery included', async () => {
    poll(2, { health: 'unreachable' });
    poll(2, { health: 'unreachable' });
    poll(2, { health: 'ok' });
    poll(2, { health: 'unreachable' });
    poll(2, { health: 'unreachable' });
    poll(2, { health: 'ok' });
    await engine.flush(clock);
    expect(sent).toHaveLength(0);
  });

  it('honours a configured unreachable threshold', async () => {
    engine = makeEngine({ rules: { unreachableAfter: 1 } });
    poll(3, { health: 'unreachable' });
    await engine.flush(clock);
    expect(sent).toHaveLength(1);
  });

  it('alerts each new critical problem code once while it persists, and again after it cleared', async () => {
    poll(4, { health: 'critical', problems: [critical('BENCH_FAILED')] });
    poll(4, { health: 'critical', problems: [critical('BENCH_FAILED')] });
    poll(4, { health: 'critical', problems: [critical('BENCH_FAILED'), critical('DOS')] });
    poll(4, { health: 'critical', problems: [critical('DOS')] });
    poll(4, { health: 'critical', problems: [critical('DOS'), critical('BENCH_FAILED')] });
    await engine.flush(clock);
    expect(sent.map((message) => message.nodes[0]?.code)).toEqual(['BENCH_FAILED', 'DOS', 'BENCH_FAILED']);
  });

  it('ignores warnings unless asked, and sends a recovery only for nodes it alerted on', async () => {
    poll(5, { health: 'warning', problems: [warning('DISK_LOW')] });
    poll(5, { health: 'ok' });
    await engine.flush(clock);
    expect(sent).toHaveLength(0);

    engine = makeEngine({ rules: { warnings: true } });
    last.clear();
    poll(5, { health: 'warning', problems: [warning('DISK_LOW')] });
    poll(5, { health: 'warning', problems: [warning('DISK_LOW')] });
    poll(5, { health: 'ok' });
    await engine.flush(clock);
    expect(sent.map((message) => [message.nodes[0]?.code, message.severity])).toEqual([
      ['DISK_LOW', 'warning'],
      ['NODE_RECOVERED', 'info'],
    ]);
  });

  it('does not re-alert problems a node already had before a restart', async () => {
    const before = nodeStatus({ nodeId: 6, health: 'critical', problems: [critical('EXPIRED')] });
    engine.observe(before, nodeStatus({ nodeId: 6, health: 'critical', problems: [critical('EXPIRED')] }), clock);
    await engine.flush(clock);
    expect(sent).toHaveLength(0);
  });

  it('turns 100 nodes going down at once into exactly one digest message', async () => {
    for (let round = 0; round < 3; round++) for (let id = 1; id <= 100; id++) poll(id, { health: 'unreachable', name: `fra-${String(id).padStart(3, '0')}` });
    await engine.flush(clock);
    expect(sent).toHaveLength(1);
    const digest = sent[0]!;
    expect(digest.kind).toBe('digest');
    expect(digest.title).toBe('100 alerts on 100 nodes');
    expect(digest.text).toContain('NODE_UNREACHABLE: 100');
    expect(digest.text).toContain('fra-001, fra-002');
    expect(digest.text).toContain('fra-020 and 80 more');
    expect(digest.text).not.toContain('fra-021');
    expect(digest.nodes).toHaveLength(100);
    expect(fired).toHaveLength(1);
    const log = repo.log(500);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ code: 'DIGEST', nodeId: null, silenced: false });
    expect(log[0]!.results[0]!.ok).toBe(true);
  });

  it('sends a small group as individual messages and logs each', async () => {
    for (let id = 1; id <= 5; id++) poll(id, { health: 'critical', problems: [critical('DOS')] });
    await engine.flush(clock);
    expect(sent.map((message) => message.kind)).toEqual(['single', 'single', 'single', 'single', 'single']);
    expect(repo.log(50).map((entry) => entry.nodeId).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5]);
  });

  it('closes a group when its window has passed and starts a new one', async () => {
    engine = makeEngine({ digest: { windowMs: 30_000, threshold: 5 } });
    poll(1, { health: 'critical', problems: [critical('A')] });
    clock += 31_000;
    poll(2, { health: 'critical', problems: [critical('A')] });
    await engine.idle();
    expect(sent.map((message) => message.nodes[0]?.id)).toEqual([1]);
    await engine.flush(clock);
    expect(sent.map((message) => message.nodes[0]?.id)).toEqual([1, 2]);
  });

  describe('silences', () => {
    beforeEach(() => {
      last.clear();
    });

    it('records but does not send alerts for a silenced node', async () => {
      repo.insertSilence({ scope: 'node', target: '7', untilMs: clock + 60_000, reason: 'reboot' }, clock);
      poll(7, { health: 'critical', problems: [critical('DOS')] });
      poll(8, { health: 'critical', problems: [critical('DOS')] });
      await engine.flush(clock);
      expect(sent.map((message) => message.nodes[0]?.id)).toEqual([8]);
      const log = repo.log(10);
      expect(log.find((entry) => entry.nodeId === 7)).toMatchObject({ silenced: true, results: [] });
      expect(log.find((entry) => entry.nodeId === 8)).toMatchObject({ silenced: false });
    });

    it('silences by tag, case-insensitively, and leaves other tags alone', async () => {
      repo.insertSilence({ scope: 'tag', target: 'Frankfurt', untilMs: clock + 60_000, reason: null }, clock);
      poll(9, { tags: ['frankfurt'], health: 'critical', problems: [critical('DOS')] });
      poll(10, { tags: ['paris'], health: 'critical', problems: [critical('DOS')] });
      await engine.flush(clock);
      expect(sent.map((message) => message.nodes[0]?.id)).toEqual([10]);
    });

    it('silences everything, and stops silencing when the period ends', async () => {
      repo.insertSilence({ scope: 'all', target: null, untilMs: clock + 1000, reason: 'maintenance' }, clock);
      poll(11, { health: 'critical', problems: [critical('DOS')] });
      await engine.flush(clock);
      expect(sent).toHaveLength(0);
      clock += 2000;
      poll(12, { health: 'critical', problems: [critical('DOS')] });
      await engine.flush(clock);
      expect(sent.map((message) => message.nodes[0]?.id)).toEqual([12]);
      expect(repo.log(10).filter((entry) => entry.silenced)).toHaveLength(1);
    });

    it('applies a silence added while a group was waiting', async () => {
      poll(13, { health: 'critical', problems: [critical('DOS')] });
      repo.insertSilence({ scope: 'all', target: null, untilMs: clock + 60_000, reason: null }, clock);
      await engine.flush(clock);
      expect(sent).toHaveLength(0);
      expect(repo.log(10)).toMatchObject([{ nodeId: 13, silenced: true }]);
    });
  });

  it('flushes a group by itself when its window ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      engine = makeEngine({ autoFlush: true, digest: { windowMs: 30_000 } });
      poll(16, { health: 'critical', problems: [critical('DOS')] });
      vi.advanceTimersByTime(29_000);
      expect(sent).toHaveLength(0);
      vi.advanceTimersByTime(1_000);
      await engine.idle();
      expect(sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps running when delivery throws', async () => {
    const lines: string[] = [];
    engine = makeEngine({ delivery: { sendToAll: () => Promise.reject(new Error('boom')) }, log: (line) => lines.push(line) });
    poll(14, { health: 'critical', problems: [critical('DOS')] });
    await engine.flush(clock);
    expect(lines.some((line) => line.includes('boom'))).toBe(true);
    poll(15, { health: 'critical', problems: [critical('DOS')] });
    await engine.flush(clock);
  });
});
