import type { NodeStatus, PollProgress } from '../../../src-shared/contract';
import { createServices, type Services } from '../../core/services';
import { stringOption, UsageError, type CliCommand, type CliIO } from '../command';
import { resolveDataDir } from '../context';

/** Polls the given nodes once (API and SSH), like `fluxdeck poll --once`, so the checklist reads fresh facts. */
async function pollNodes(services: Services, io: CliIO, nodeIds?: number[]): Promise<NodeStatus[]> {
  const total = nodeIds?.length ?? services.nodesRepo.list().length;
  if (total === 0) return [];
  const finished = new Promise<PollProgress>((resolve) => {
    const dispose = services.events.subscribe('fleet:onPollProgress', (progress) => {
      if (!progress.running && progress.done >= progress.total) {
        dispose();
        resolve(progress);
      }
    });
  });
  services.monitor.start();
  services.monitor.pollNow(nodeIds);
  await finished;
  io.stderr(`polled ${total} node(s)\n`);
  const statuses = services.monitor.status();
  services.monitor.stop();
  return statuses;
}

function open(args: Parameters<CliCommand['run']>[0], io: CliIO): Services {
  const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
  return createServices({ dataDir, mode: 'serve', hostKeyPolicy: 'tofu', overrides: { poller: { intervalMs: 24 * 3_600_000 } } });
}

const checkCommand: CliCommand = {
  path: ['migration', 'check'],
  summary: "check one node's ArcaneOS migration readiness",
  help: `Usage: fluxdeck migration check NODE [--json]

Polls NODE (and the rest of the fleet, for shared IPs and the chain height), reads its hardware over
SSH in one fixed command, and prints every checklist step. ready = no step failed and no hardware
step unknown. Exits 0 when the check ran, whatever the verdict.`,
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(args, io) {
    const [name, ...extra] = args.positionals;
    if (!name || extra.length > 0) throw new UsageError('give exactly one node name');
    const services = open(args, io);
    try {
      const node = services.nodesRepo.findByName(name);
      if (!node) {
        io.stderr(`No node named "${name}".\n`);
        return 1;
      }
      await pollNodes(services, io);
      const list = await services.migration.service.check(node.id, true);
      const out = {
        node: list.name,
        arcaneOS: list.arcaneOS,
        ready: list.ready,
        steps: list.steps.map((s) => ({ id: s.id, state: s.state, detail: s.detail })),
        window: { blocksSinceConfirm: list.window.blocksSinceConfirm, blocksToExpiry: list.window.blocksToExpiry, recommendedStart: list.window.recommendedStart },
      };
      if (args.values.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      else if (list.arcaneOS) io.stdout(`${list.name} already runs ArcaneOS.\n`);
      else {
        const width = Math.max(...out.steps.map((s) => s.id.length));
        io.stdout(out.steps.map((s) => `${s.id.padEnd(width)}  ${s.state.padEnd(9)}  ${s.detail}`).join('\n') + '\n');
        io.stdout(`${list.name}: ${list.ready ? 'ready to migrate' : 'not ready'}\n`);
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};

const boardCommand: CliCommand = {
  path: ['migration', 'board'],
  summary: 'list every node with its blocking migration step and forgone PNR',
  help: `Usage: fluxdeck migration board [--json]

Polls every node once and lists ArcaneOS vs legacy counts, then per node its first blocking step,
the next safe migration start (height) and the PNR it forgoes per month (the rewards PNR estimate).`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const services = open(args, io);
    try {
      const statuses = await pollNodes(services, io);
      await Promise.all(statuses.filter((s) => s.flux?.arcaneOS === false).map((s) => services.migration.service.check(s.nodeId, false)));
      const result = await services.migration.handlers['migration:board']({}, { clientId: 'cli' });
      if (args.values.json) {
        io.stdout(`${JSON.stringify({
          fleet: result.fleet,
          nodes: result.rows.map((r) => ({ node: r.name, arcaneOS: r.arcaneOS, category: r.category, blockingStep: r.blockingStep?.id ?? null, recommendedStart: r.window.recommendedStart, forgonePnrUsd: r.forgonePnrUsd })),
        }, null, 2)}\n`);
        return 0;
      }
      io.stdout(`${result.fleet.arcane} ArcaneOS, ${result.fleet.legacy} legacy (${result.fleet.arcaneSharePercent}% ArcaneOS)\n`);
      for (const r of result.rows) {
        io.stdout(`${r.name}  ${r.category}  ${r.blockingStep?.id ?? '-'}  start ${r.window.recommendedStart ?? '-'}  PNR forgone ${r.forgonePnrUsd === null ? '-' : `$${r.forgonePnrUsd.toFixed(2)}/month`}\n`);
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};

export const migrationCommands: CliCommand[] = [checkCommand, boardCommand];
