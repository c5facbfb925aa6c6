import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Simulated nodes polled by FluxDeck and by the OpenSSH baseline. */
  nodes: number;
  /** Nodes in the generated year of history for the chart query. */
  historyNodes: number;
  /** Rows the renderer shows (seeded, not simulated). */
  rendererNodes: number;
  /** Poll `memoryNodes` simulated nodes in a fresh `fluxdeck poll --once` for main-process memory. */
  memorySim: boolean;
  memoryNodes: number;
  json: string | undefined;
  /** Write CPU profiles of the warm poll cycle and the ingest here. */
  profile: string | undefined;
  skipBaseline: boolean;
  skipRenderer: boolean;
  /** API-only nodes in the whole-network phase (0 skips it). */
  networkNodes: number;
  /** Minutes of the soak phase (0: not run; only on request). */
  soakMinutes: number;
  /** `--only network`: the whole-network round alone (trial rounds while tuning the API path). */
  onlyNetwork: boolean;
  /** `--only renderer`: the poll phase (its statuses seed the rows) and the renderer phase alone. */
  onlyRenderer: boolean;
  /** `--only sqlite`: the poll phase (its statuses are the ingest's rows) and the SQLite phase alone. */
  onlySqlite: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--nodes N] [--json FILE] [--quick]

Fleet-scale benchmark: FluxDeck's poll cycle against simulated nodes (simulator in a child process),
the same fleet polled with one OpenSSH process per node, SQLite ingest and chart reads, and the
fleet page in Chromium at 5,000 rows.

Options:
  --nodes N            simulated legacy nodes to poll (default 1000)
  --quick              CI size: --nodes 50 and a smaller history database
  --history-nodes N    nodes in the generated year of history (default min(5000, 5 x nodes))
  --renderer-nodes N   rows in the renderer benchmark (default 5000)
  --memory-sim         measure memory by polling --memory-nodes simulated nodes (default on from 1,000 nodes)
  --skip-memory-sim    measure memory on serve with the renderer's seeded nodes only
  --memory-nodes N     simulated nodes for the memory figure (default 5000)
  --json FILE          also write the figures as JSON
  --profile DIR        write V8 CPU profiles of the warm poll cycle, the SQLite ingest, the
                       whole-network round (main and simulator), Chromium's main thread over
                       the update ticks and the Apps page's opening, and a Chromium trace of one
                       more fleet page load after the timed ones, to DIR
                       (profiling slows them: do not compare that run's figures)
  --skip-baseline      do not run the OpenSSH baseline
  --skip-renderer      do not start serve and Chromium
  --network-nodes N    API-only nodes in the whole-network round (default min(10000, 10 x nodes))
  --skip-network       do not run the whole-network round
  --only network       run the whole-network round alone
  --only renderer      run the renderer phase alone (after the poll whose statuses seed its rows)
  --only sqlite        run the SQLite ingest and chart alone (after the poll whose statuses it writes)
  --soak MINUTES       only the soak: 500 nodes polled every 10 s for MINUTES, a third cycling
                       through faults, serve and one browser connected (not part of the default run)
Exits 1 when any node polled with an error the fleet did not ask for, or a phase failed.`;

function positive(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      nodes: { type: 'string' },
      quick: { type: 'boolean' },
      'history-nodes': { type: 'string' },
      'renderer-nodes': { type: 'string' },
      json: { type: 'string' },
      profile: { type: 'string' },
      'memory-sim': { type: 'boolean' },
      'skip-memory-sim': { type: 'boolean' },
      'memory-nodes': { type: 'string' },
      'skip-baseline': { type: 'boolean' },
      'skip-renderer': { type: 'boolean' },
      'network-nodes': { type: 'string' },
      'skip-network': { type: 'boolean' },
      soak: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.only !== undefined && !['network', 'renderer', 'sqlite'].includes(values.only)) throw new Error('--only takes one phase: network, renderer or sqlite');
  const nodes = positive(values.nodes, 'nodes', values.quick ? 50 : 1000, 20_000);
  const onlyRenderer = values.only === 'renderer';
  const onlySqlite = values.only === 'sqlite';
  // Either runs the poll phase first for its statuses, and nothing else but its own phase.
  const pollAndOne = onlyRenderer || onlySqlite;
  return {
    nodes,
    historyNodes: positive(values['history-nodes'], 'history-nodes', Math.min(5000, 5 * nodes), 20_000),
    rendererNodes: positive(values['renderer-nodes'], 'renderer-nodes', 5000, 20_000),
    memorySim: values['skip-memory-sim'] || pollAndOne ? false : (values['memory-sim'] ?? nodes >= 1000),
    memoryNodes: positive(values['memory-nodes'], 'memory-nodes', 5000, 20_000),
    json: values.json,
    profile: values.profile,
    skipBaseline: (values['skip-baseline'] ?? false) || pollAndOne,
    skipRenderer: (values['skip-renderer'] ?? false) || onlySqlite,
    networkNodes: values['skip-network'] || pollAndOne ? 0 : positive(values['network-nodes'], 'network-nodes', Math.min(10_000, 10 * nodes), 20_000),
    soakMinutes: values.soak === undefined ? 0 : positive(values.soak, 'soak', 30, 24 * 60),
    onlyNetwork: values.only === 'network',
    onlyRenderer,
    onlySqlite,
    help: values.help ?? false,
  };
}
