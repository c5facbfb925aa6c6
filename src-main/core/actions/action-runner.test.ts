import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../store/database';
import { ActionRequest, type ActionOutput } from '../../../src-shared/contract/actions.contract';
import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import { openDatabase } from '../store/database';
import type { ExecOptions, ExecResult, SshTarget } from '../ssh/ssh-types';
import { makeTempDir } from '../../testkit/temp-dir';
import catalogJson from '../../../resources/actions/maintenance.json';
import { ActionCatalogue } from './action-catalog';
import { ActionRunner } from './action-runner';
import { ActionsRepo } from './actions.repo';

const HOSTILE = `evil"; rm -rf / #$(reboot)\`id\`\n{lines}`;

function record(id: number, name: string, auth: NodeRecord['auth']): NodeRecord {
  return { id, name, host: `10.0.0.${id}`, sshPort: 22, apiPort: 16127, username: 'flux', auth, tags: [HOSTILE], createdAt: 0, updatedAt: 0 };
}

const temp = makeTempDir('fluxdeck-actions-');
const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  temp.cleanup();
});

function setup(
  answer: (command: string) => ExecResult = () => ({ stdout: 'active\n', stderr: '', code: 0, signal: null, truncated: false }),
  stream: (onLines: (lines: string[]) => void) => void = () => {},
) {
  const db = openDatabase(`${temp.dir}/${Math.random().toString(36).slice(2)}.sqlite`);
  opened.push(db);
  const nodes = [
    record(1, HOSTILE, { kind: 'agent' }),
    record(2, 'api-only', { kind: 'none' }),
    record(3, 'arcane', { kind: 'agent' }),
    record(4, 'second', { kind: 'agent' }),
  ];
  const seen: { target: string; command: string }[] = [];
  const pool = {
    exec: (target: SshTarget, command: string, options?: ExecOptions) => {
      seen.push({ target: `${target.username}@${target.host}`, command });
      if (options?.onLines) stream(options.onLines);
      return Promise.resolve(answer(command));
    },
  };
  const repo = new ActionsRepo(db);
  const published: string[] = [];
  const streamed: ActionOutput[] = [];
  const runner = new ActionRunner({
    catalogue: ActionCatalogue.load(),
    repo,
    nodes: { get: (id) => nodes.find((n) => n.id === id), credentialRefs: () => ({ keyPath: null, secretRef: null, passphraseRef: null }) },
    pool,
    isArcane: (id) => id === 3,
    publish: (run) => published.push(run.state),
    publishOutput: (output) => streamed.push(output),
    now: () => 1_000,
  });
  return { db, repo, runner, seen, published, streamed };
}

describe('maintenance commands are catalogue text only', () => {
  it('runs exactly the catalogue lines whatever the node name, tags or host hold', async () => {
    const { runner, seen } = setup();
    const preview = runner.preview('restart-fluxd', [1]);
    expect(preview.commands).toEqual(catalogJson.actions.find((a) => a.id === 'restart-fluxd')!.commands);
    runner.run('restart-fluxd', [1]);
    await runner.idle();
    expect(seen.map((s) => s.command)).toEqual(['sudo systemctl restart zelcash', 'systemctl is-active zelcash']);
    expect(seen.every((s) => !s.command.includes('rm -rf') && !s.command.includes('evil'))).toBe(true);
  });

  it('fills {lines} only with an offered number and refuses anything else', () => {
    const catalogue = ActionCatalogue.load();
    expect(catalogue.commands('logs-fluxd', 50)).toEqual(['tail -n 50 ~/.flux/debug.log']);
    expect(catalogue.commands('logs-fluxd')).toEqual(['tail -n 200 ~/.flux/debug.log']);
    expect(() => catalogue.commands('logs-fluxd', 51)).toThrow(/not offered/);
    expect(() => catalogue.commands('restart-fluxd; reboot')).toThrow(/no maintenance action/);
  });

  it('the contract refuses a service string or free text as an action, and non-numeric line counts', () => {
    expect(ActionRequest.safeParse({ actionId: 'restart-fluxd; reboot', nodeIds: [1] }).success).toBe(false);
    expect(ActionRequest.safeParse({ actionId: 'restart-$(id)', nodeIds: [1] }).success).toBe(false);
    expect(ActionRequest.safeParse({ actionId: 'logs-fluxd', nodeIds: [1], lines: '10; reboot' }).success).toBe(false);
    expect(ActionRequest.safeParse({ actionId: 'logs-fluxd', nodeIds: [1], command: 'reboot' }).success).toBe(false);
  });

  it('refuses a catalogue whose command has another placeholder', () => {
    const bad = structuredClone(catalogJson);
    bad.actions[0]!.commands = ['sudo systemctl restart {service}'];
    expect(() => ActionCatalogue.load(bad)).toThrow(/placeholder/);
  });
});

describe('audit log', () => {
  it('records what, which nodes, when and each result; skips API-only and ArcaneOS nodes with the reason', async () => {
    const { runner, repo } = setup();
    const started = runner.run('restart-mongod', [1, 2, 3]);
    expect(started.state).toBe('running');
    expect(started.results.map((r) => r.outcome)).toEqual(['pending', 'pending', 'pending']);
    await runner.idle();
    const [entry] = repo.list(10);
    expect(entry).toMatchObject({ actionId: 'restart-mongod', label: 'Restart mongod', state: 'ok', startedAt: 1_000, finishedAt: 1_000 });
    const byId = new Map(entry!.results.map((r) => [r.nodeId, r]));
    expect(byId.get(1)).toMatchObject({ outcome: 'ok', exitCode: 0, name: HOSTILE });
    expect(byId.get(2)).toMatchObject({ outcome: 'skipped' });
    expect(byId.get(2)!.output).toMatch(/No SSH access/);
    expect(byId.get(3)!.outcome).toBe('skipped');
    expect(byId.get(3)!.output).toMatch(/ArcaneOS/);
    expect(repo.list(10, 2)).toHaveLength(1);
    expect(repo.list(10, 4)).toHaveLength(0);
  });

  it('stops a node at its first failing command, marks the run partial, and strips control sequences', async () => {
    const { runner, repo, seen } = setup((command) =>
      command.startsWith('sudo') ? { stdout: '\u001b[31mFailed\u001b[0m\u001b]52;c;ZXZpbA==\u0007', stderr: 'Job failed', code: 1, signal: null, truncated: false } : { stdout: 'ok', stderr: '', code: 0, signal: null, truncated: false },
    );
    runner.run('restart-fluxos', [4]);
    runner.run('restart-docker', [1]);
    await runner.idle();
    const docker = repo.list(1)[0]!;
    expect(docker.state).toBe('failed');
    expect(docker.results[0]!.output).toContain('Failed');
    expect(docker.results[0]!.output).not.toMatch(/\u001b|ZXZpbA/);
    expect(seen.filter((s) => s.target === 'flux@10.0.0.1').map((s) => s.command)).toEqual(['sudo systemctl restart docker']);
  });

  it('streams each node\'s lines as the pool hands them on, after the command they belong to', async () => {
    const { runner, streamed } = setup(undefined, (onLines) => {
      onLines(['2026-12-01 first']);
      onLines(['second', 'third']);
    });
    const run = runner.run('logs-fluxd', [4], 50);
    await runner.idle();
    expect(streamed).toEqual([
      { runId: run.id, nodeId: 4, lines: ['$ tail -n 50 ~/.flux/debug.log'] },
      { runId: run.id, nodeId: 4, lines: ['2026-12-01 first'] },
      { runId: run.id, nodeId: 4, lines: ['second', 'third'] },
    ]);
  });

  it('a run left running by a crash is marked failed when FluxDeck starts again', () => {
    const { repo } = setup();
    const catalogue = ActionCatalogue.load();
    const run = repo.start(catalogue.action('restart-fluxd'), ['x'], [{ nodeId: 1, name: 'a' }], 5);
    repo.failUnfinished(9);
    expect(repo.get(run.id)).toMatchObject({ state: 'failed', finishedAt: 9 });
    expect(repo.get(run.id)!.results[0]!.outcome).toBe('failed');
  });
});
