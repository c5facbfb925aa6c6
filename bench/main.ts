import { mkdirSync, mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAppsPagePhase } from './apps-page-phase';
import { parseBenchArgs, USAGE, type BenchArgs } from './args';
import { baselineUnavailable, runBaseline, BASELINE_CONCURRENCY } from './baseline-phase';
import { Cleanup } from './cleanup';
import { writeKnownHosts } from './known-hosts';
import { runPollPhase, type PollFigures } from './poll-phase';
import { rendererUnavailable, runRendererPhase } from './renderer-phase';
import { runMemoryPhase } from './memory-phase';
import { runNetworkPhase } from './network-phase';
import { formatTable, roundedJson, type BenchResult } from './report';
import { seedFleet } from './seed-fleet';
import { startSimChild, writeScaledFleet } from './sim-child';
import { formatSoak, runSoakPhase } from './soak-phase';
import { HISTORY_INTERVAL_MS, runSqlitePhase } from './sqlite-phase';

const started = performance.now();
const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(0));

function log(line: string): void {
  process.stderr.write(`[bench +${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
}

/** Runs one phase; a failure is reported and the next phases still run. */
async function phase<T>(name: string, failures: string[], work: () => Promise<T>): Promise<T | undefined> {
  log(`${name}…`);
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${name} FAILED: ${message}`);
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** `--soak MINUTES`: the soak alone; exit 1 when memory or handles grew, a poll ran late or a promise went unhandled. */
async function soak(args: BenchArgs, work: string, cleanup: Cleanup): Promise<number> {
  try {
    const figures = await runSoakPhase({ dir: work, minutes: args.soakMinutes, cleanup, log });
    process.stdout.write(`\n${formatSoak(figures)}\n`);
    if (args.json) await writeFile(args.json, roundedJson(figures));
    const flat = Object.values(figures.growth).every((g) => Math.abs(g - 1) <= 0.1);
    return flat && figures.latePolls === 0 && figures.unhandledRejections === 0 ? 0 : 1;
  } catch (error) {
    log(`soak FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await cleanup.runAll();
  }
}

/** The whole-network round: its figures for the report, with a note on the smaller round. */
async function networkPhase(args: BenchArgs, work: string, cleanup: Cleanup, failures: string[], notes: string[]): Promise<BenchResult['network']> {
  const network = await phase(`whole-network scale: ${args.networkNodes} simulated nodes over the FluxOS API only`, failures, () =>
    runNetworkPhase({ dir: path.join(work, 'network'), nodes: args.networkNodes, cleanup, log, profileDir: args.profile }),
  );
  if (!network) return null;
  const { large, small } = network;
  notes.push(
    `network: one API-only round of ${large.nodes} nodes at the poller's default concurrency; the same over ${small.nodes} nodes took ` +
      `${(small.roundMs / 1000).toFixed(1)} s at ${small.cpuMsPerNode.toFixed(2)} ms CPU per node (${small.errors} errors); ` +
      `the simulator (same cores) used ${large.simCpuMsPerNode.toFixed(2)} ms CPU per node`,
  );
  return { nodes: large.nodes, roundMs: large.roundMs, peakRssMb: large.peakRssMb, errors: large.errors, cpuMsPerNode: large.cpuMsPerNode, cpuGrowth: network.cpuGrowth };
}

/** `npm run bench`: returns the exit code (1 when a node polled with errors or a phase failed). */
export async function runBench(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: shutting down`);
    void cleanup.runAll().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  if (args.profile) mkdirSync(args.profile, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-bench-'));
  cleanup.add('temp dir', () => rm(work, { recursive: true, force: true }));
  if (args.soakMinutes > 0) return soak(args, work, cleanup);
  const result: BenchResult = { nodes: args.nodes, poll: null, baseline: null, ratio: null, sqlite: null, renderer: null, appsPage: null, memory5k: null, network: null };
  const notes: string[] = [];
  const failures: string[] = [];
  if (args.onlyNetwork) {
    try {
      result.network = await networkPhase(args, work, cleanup, failures, notes);
    } finally {
      await cleanup.runAll();
    }
    return report(result, notes, failures, args.json);
  }
  let poll: PollFigures | undefined;

  try {
    const fleetFile = path.join(work, 'fleet.json');
    await writeScaledFleet(args.nodes, fleetFile);
    const sim = await phase(`starting ${args.nodes} simulated nodes in a child process`, failures, () =>
      startSimChild({ fleetFile, inventoryFile: path.join(work, 'inventory.json'), keysDir: path.join(work, 'sim-keys'), timeoutMs: 60_000 + args.nodes * 100 }),
    );
    if (sim) {
      const stopSim = cleanup.add('simulator', () => sim.stop());
      let closeServices: (() => Promise<void>) | undefined;
      poll = await phase('FluxDeck poll cycles', failures, () =>
        runPollPhase({
          dataDir: path.join(work, 'poll-data'),
          inventoryText: sim.inventoryText,
          nodes: args.nodes,
          profileDir: args.profile,
          onServices: (services) => (closeServices = cleanup.add('FluxDeck services', () => services.close())),
          log,
        }),
      );
      // The baseline runs alone: FluxDeck's sockets are closed first.
      await closeServices?.();
      if (poll) {
        result.poll = {
          warmCycleMs: poll.warm.wallMs,
          coldCycleMs: poll.cold.wallMs,
          cpuMsPerNodePoll: poll.cpuMsPerNodePoll,
          rssMb: poll.rssMb,
          errors: poll.errors,
          sshPathCpuMsPerNodePoll: poll.sshPath.cpuMsPerNodePoll,
        };
        for (const sample of poll.errorSamples) notes.push(`poll error: ${sample}`);
      }
      const skip = args.skipBaseline ? 'skipped (--skip-baseline)' : baselineUnavailable();
      if (skip) {
        notes.push(`baseline: ${skip}`);
        log(`baseline ${skip}`);
      } else {
        const baseline = await phase(`OpenSSH baseline (one ssh process per node, ${BASELINE_CONCURRENCY} at a time)`, failures, async () => {
          const knownHosts = path.join(work, 'known_hosts');
          await writeKnownHosts(sim.inventory, sim.keysDir, knownHosts);
          return runBaseline(sim.inventory, knownHosts);
        });
        if (baseline) {
          log(`baseline cycle ${(baseline.cycleMs / 1000).toFixed(1)} s, ${baseline.cpuMsPerNodePoll.toFixed(2)} ms CPU per node, ${baseline.errors} errors`);
          result.baseline = { cycleMs: baseline.cycleMs, cpuMsPerNodePoll: baseline.cpuMsPerNodePoll };
          for (const sample of baseline.errorSamples) notes.push(`baseline error: ${sample}`);
          if (baseline.errors > 0) notes.push(`baseline: ${baseline.errors} of ${args.nodes} ssh polls failed; its figures are unreliable`);
          if (result.poll) {
            result.ratio = {
              cpuPerPoll: result.poll.cpuMsPerNodePoll / baseline.cpuMsPerNodePoll,
              cycle: result.poll.warmCycleMs / baseline.cycleMs,
              cpuPerPollSshPath: result.poll.sshPathCpuMsPerNodePoll / baseline.cpuMsPerNodePoll,
            };
          }
        }
      }
      await stopSim();
    }

    if (args.memorySim) {
      const memory = await phase(`main-process memory: ${args.memoryNodes} simulated nodes polled once by fluxdeck poll --once`, failures, () =>
        runMemoryPhase({ dir: path.join(work, 'memory'), nodes: args.memoryNodes, cleanup, log }),
      );
      if (memory) {
        result.memory5k = { rssMb: memory.peakRssMb, source: 'simulated' };
        notes.push(
          `memory: fluxdeck poll --once (compiled CLI) over ${memory.nodes} simulated legacy nodes (live SSH connections), peak RSS ${memory.peakRssMb.toFixed(0)} MB ` +
            `sampled every 200 ms; the cold poll took ${(memory.pollMs / 1000).toFixed(1)} s, ${memory.unreachable} nodes unreachable`,
        );
      }
    }

    if (args.networkNodes > 0) result.network = await networkPhase(args, work, cleanup, failures, notes);

    const sqlite = args.onlyRenderer ? undefined : await phase('SQLite ingest and 30-day chart', failures, async () =>
      runSqlitePhase({ dir: path.join(work, 'sqlite'), historyNodes: args.historyNodes, templates: poll?.statuses ?? [], log, profileDir: args.profile }),
    );
    if (sqlite) {
      result.sqlite = {
        ingestRowsPerSec: sqlite.ingestRowsPerSec,
        chart30dMs: sqlite.chart30dMs,
        dbMb: sqlite.dbMb,
        walMb: sqlite.walMb,
        checkpointMs: sqlite.checkpointMs,
        bytesPerSample: sqlite.bytesPerSample,
        moveLongestStepMs: sqlite.moveLongestStepMs,
      };
      notes.push(
        `sqlite: ${sqlite.ingestRows.toLocaleString('en-US')} samples ingested over ${sqlite.seededRows.toLocaleString('en-US')} rows of seeded history ` +
          `(${sqlite.bytesPerSample.toFixed(0)} B each on disk, ` +
          `${sqlite.walMb.toFixed(1)} MB of WAL, final checkpoint ${sqlite.checkpointMs.toFixed(0)} ms of the ingest's time; ` +
          `${sqlite.moves} moves of recent samples, ${sqlite.moveMs.toFixed(0)} ms of it, longest step ${sqlite.moveLongestStepMs.toFixed(1)} ms); ` +
          `chart over a year of ${sqlite.historyNodes} nodes (raw samples every ${HISTORY_INTERVAL_MS / 60_000} min, generated in ${(sqlite.generateMs / 1000).toFixed(0)} s), ` +
          `slowest read ${sqlite.chart30dMaxMs.toFixed(1)} ms`,
      );
    }

    const skipRenderer = args.onlySqlite ? 'skipped (--only sqlite)' : args.skipRenderer ? 'skipped (--skip-renderer)' : rendererUnavailable();
    if (skipRenderer) {
      notes.push(`renderer: ${skipRenderer}`);
    } else {
      const renderer = await phase(`renderer and memory at ${args.rendererNodes} nodes (serve + Chromium)`, failures, async () => {
        const seeded = await seedFleet({ dataDir: path.join(work, 'serve-data'), count: args.rendererNodes, templates: poll?.statuses ?? [] });
        return runRendererPhase({ seeded, cleanup, log, profileDir: args.profile });
      });
      if (renderer) {
        result.renderer = { firstTableMs: renderer.firstTableMs, sortMs: renderer.sortMs, filterMs: renderer.filterMs, updateTickMs: renderer.updateTickMs };
        // The simulated fleet's figure (live SSH connections) wins when it ran.
        result.memory5k ??= { rssMb: renderer.serveRssPolledMb, source: 'seeded' };
        notes.push(
          `renderer: first table median of 3 loads (cold ${renderer.firstTableColdMs.toFixed(0)} ms); sort median of 6 columns (max ${renderer.sortMaxMs.toFixed(1)} ms), ` +
            `filter median of ${'node-42'.length} keystrokes (max ${renderer.filterMaxMs.toFixed(1)} ms); main-thread work incl. Vue flush and layout. ` +
            `Up to the next frame: sort ${renderer.sortFrameMs.toFixed(1)}, filter ${renderer.filterFrameMs.toFixed(1)}, tick ${renderer.updateTickFrameMs.toFixed(1)} ms`,
          `renderer: one fleet-wide tick is ${renderer.tickMb.toFixed(1)} MB of JSON; JSON.parse alone takes ${renderer.tickParseMs.toFixed(1)} ms of it. Last load (ms from navigation start): ` +
            `DOMContentLoaded ${fmt(renderer.loadBreakdown.domContentLoaded)}, socket open ${fmt(renderer.loadBreakdown.wsOpen)}, ` +
            `fleet snapshot (${renderer.loadBreakdown.snapshotMb.toFixed(1)} MB) arrived ${fmt(renderer.loadBreakdown.snapshotArrived)}, first row in the DOM ${fmt(renderer.loadBreakdown.firstRow)}, painted ${fmt(renderer.loadBreakdown.firstRowFrame)}`,
          `memory: fluxdeck serve (compiled CLI) with ${args.rendererNodes} seeded nodes and the UI connected: ${renderer.serveRssIdleMb.toFixed(0)} MB; ` +
            `after one poll of all of them against refusing loopback ports (${(renderer.pollMs / 1000).toFixed(1)} s): ${renderer.serveRssPolledMb.toFixed(0)} MB`,
        );
      }
      const apps = args.onlyRenderer ? undefined : await phase(`Apps page over ${args.rendererNodes} polled API-only nodes (serve + Chromium)`, failures, () =>
        runAppsPagePhase({ dir: path.join(work, 'apps-page'), nodes: args.rendererNodes, cleanup, log, profileDir: args.profile }),
      );
      if (apps) {
        result.appsPage = {
          nodes: apps.nodes,
          apps: apps.apps,
          shownMs: apps.open.shownMs,
          longestTaskMs: apps.open.longestTaskMs,
          longTaskTotalMs: apps.open.longTaskTotalMs,
          refreshLongestTaskMs: apps.refresh.longestTaskMs,
          refreshLongTaskTotalMs: apps.refresh.longTaskTotalMs,
        };
        notes.push(
          `apps page: ${apps.nodes} simulated API-only nodes, one app each, polled once through serve (${(apps.pollMs / 1000).toFixed(1)} s); ` +
            `opening the page: ${apps.open.longTasks} long tasks (> 50 ms, Chromium's Long Tasks API) until a second passed without one; refresh: ${apps.refresh.longTasks}`,
        );
      }
    }
  } finally {
    await cleanup.runAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  return report(result, notes, failures, args.json);
}

/** Prints the table (and the JSON); the exit code: 1 when a phase failed or a node polled with errors. */
async function report(result: BenchResult, notes: string[], failures: readonly string[], json: string | undefined): Promise<number> {
  for (const failure of failures) notes.push(`phase failed: ${failure}`);
  process.stdout.write(`\n${formatTable(result, notes)}\n`);
  if (json) {
    await writeFile(json, roundedJson(result));
    log(`wrote ${json}`);
  }
  const errors = (result.poll?.errors ?? 0) + (result.network?.errors ?? 0);
  return failures.length > 0 || errors > 0 ? 1 : 0;
}
