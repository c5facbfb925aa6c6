import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';
import { commands } from './commands';
import { runCapture } from '../testkit/cli-io';

describe('fluxdeck CLI', () => {
  const temp = makeTempDir();
  const dataDir = ['--data-dir', temp.dir];
  afterAll(() => temp.cleanup());

  it('has --help for every command, exiting 0', async () => {
    for (const command of commands) {
      const run = await runCapture([...command.path, '--help']);
      expect(run.code, command.path.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: fluxdeck /);
    }
    const top = await runCapture(['--help']);
    expect(top.code).toBe(0);
    for (const command of commands) expect(top.stdout).toContain(command.path.join(' '));
  });

  it('adds, lists as JSON and removes a node in the data dir', async () => {
    expect((await runCapture(['nodes', 'add', '--name', 'cumulus-1', '--host', '192.0.2.44', '--api-port', '16147', ...dataDir])).code).toBe(0);
    const listed = await runCapture([...dataDir, 'nodes', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ nodes: [{ name: 'cumulus-1', host: '192.0.2.44', apiPort: 16147 }] });
    expect((await runCapture(['nodes', 'remove', 'cumulus-1', ...dataDir])).code).toBe(0);
    expect(JSON.parse((await runCapture(['nodes', 'list', '--json', ...dataDir])).stdout)).toEqual({ nodes: [] });
  });

  it('reads the data dir from FLUXDECK_DATA_DIR', async () => {
    const env = { FLUXDECK_DATA_DIR: temp.dir };
    await runCapture(['nodes', 'add', '--name', 'env-node', '--host', '192.0.2.45'], env);
    expect((await runCapture(['nodes', 'list'], env)).stdout).toContain('env-node');
  });

  it('exits 2 with a one-line error on bad usage', async () => {
    for (const argv of [['nodes', 'add', '--host', 'x'], ['nodes', 'add', '--name', 'a', '--host', 'b', '--api-port', 'abc'], ['nodes', 'frobnicate'], ['nodes', 'list', '--bogus'], []]) {
      const run = await runCapture([...argv, ...dataDir]);
      expect(run.code, argv.join(' ')).toBe(2);
    }
    const missing = await runCapture(['nodes', 'add', '--host', 'x', ...dataDir]);
    expect(missing.stderr).toBe('fluxdeck: --name is required (see `fluxdeck nodes add --help`)\n');
  });

  it('exits 1 with a one-line error when the work fails', async () => {
    await runCapture(['nodes', 'add', '--name', 'dup', '--host', '192.0.2.50', ...dataDir]);
    const run = await runCapture(['nodes', 'add', '--name', 'dup', '--host', '192.0.2.51', ...dataDir]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'fluxdeck: A node named "dup" already exists\n' });
    expect((await runCapture(['nodes', 'remove', 'ghost', ...dataDir])).stderr).toBe('fluxdeck: No node named "ghost"\n');
  });
});
