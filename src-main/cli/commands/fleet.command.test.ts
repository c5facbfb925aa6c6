import { afterAll, describe, expect, it } from 'vitest';
import { SaveChannelInput } from '../../../src-shared/contract/alerts.contract';
import { blankStatus } from '../../../src-shared/node-status';
import { createServices } from '../../core/services';
import { runCapture } from '../../testkit/cli-io';
import { makeTempDir } from '../../testkit/temp-dir';

describe('fluxdeck status --json', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('says for every problem which channels its alert goes to', async () => {
    expect((await runCapture(['nodes', 'add', '--name', 'fra-1', '--host', '192.0.2.50', '--data-dir', temp.dir])).code).toBe(0);
    const services = createServices({ dataDir: temp.dir, mode: 'serve' });
    try {
      await services.alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'webhook', name: 'ops hook', url: 'https://hooks.example/fluxdeck' }));
      const node = services.nodesRepo.list()[0]!;
      services.monitor.history.record([
        {
          ...blankStatus(node, 'warning', [
            { code: 'PAYMENT_MISSED', severity: 'warning', message: 'No payment for 2 intervals' },
            { code: 'DISK_LOW', severity: 'warning', message: 'Disk 91% full' },
          ]),
          lastPolledAt: Date.now(),
        },
      ]);
    } finally {
      await services.close();
    }
    const run = await runCapture(['status', '--json', '--data-dir', temp.dir]);
    expect(run.code).toBe(0);
    const problems = (JSON.parse(run.stdout) as { nodes: Array<{ problems: Array<{ code: string; alert: { channels: string[] } }> }> }).nodes[0]!.problems;
    // Defaults: critical for every channel, the reward-risk codes opted in ("This computer" is seeded).
    expect(problems).toEqual([
      expect.objectContaining({ code: 'PAYMENT_MISSED', alert: { channels: ['This computer', 'ops hook'] } }),
      expect.objectContaining({ code: 'DISK_LOW', alert: { channels: [] } }),
    ]);
  });
});
