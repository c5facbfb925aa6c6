import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../../core/contract-server/dispatcher';
import { AppError } from '../../core/errors';
import { createHandlers } from '../../core/contract-server/handlers';
import { createServices } from '../../core/services';
import { projectRoot } from '../../core/paths';
import { startServe } from '../../core/serve/serve-server';
import { intOption, stringOption, type CliCommand } from '../command';
import { resolveDataDir } from '../context';

const RENDERER_DIR = path.join(projectRoot(import.meta.url), 'out', 'renderer');

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'run FluxDeck headless and open its UI in a browser',
  help: `Usage: fluxdeck serve [--port P] [--host H] [--poll-interval S] [--no-open]
                     [--metrics [--metrics-port P] [--metrics-token-file F]]

Runs the FluxDeck backend without Electron and serves the UI on a loopback address. The printed
URL carries a random token; requests without it, or from another site, are refused.

Options:
  --port P     port to listen on (default: a free one)
  --host H     address to bind (default 127.0.0.1; anything else exposes your fleet to the network)
  --poll-interval S
               seconds between polls of each node (default 60; FluxOS caches its answers 30 s)
  --no-open    print the URL but do not open a browser
  --metrics    also serve Prometheus /metrics on 127.0.0.1 behind its own bearer token; prints
               "metrics: http://127.0.0.1:<port>/metrics token <token>" (see the README)
  --metrics-port P        port for /metrics (default: a free one)
  --metrics-token-file F  use the token in F (first line) instead of a random one`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'poll-interval': { type: 'string' },
    'no-open': { type: 'boolean' },
    metrics: { type: 'boolean' },
    'metrics-port': { type: 'string' },
    'metrics-token-file': { type: 'string' },
  },
  async run(args, io) {
    const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
    const intervalSeconds = intOption(args, 'poll-interval', 5, 86_400);
    // Opened first: a wrong master passphrase refuses the start with its reason, built UI or not.
    const services = createServices({
      dataDir,
      mode: 'serve',
      overrides: intervalSeconds ? { poller: { intervalMs: intervalSeconds * 1000 } } : {},
    });
    try {
      if (!existsSync(`${RENDERER_DIR}/index.html`)) {
        throw new AppError('UNAVAILABLE', 'The UI is not built yet: run `npm run build` first');
      }
      const handle = await startServe({
        dispatch: createDispatcher(createHandlers(services)),
        events: services.events,
        rendererDir: RENDERER_DIR,
        host: stringOption(args, 'host'),
        port: intOption(args, 'port', 0, 65535),
      });
      await startMetrics(services, args.values, io);
      services.monitor.start();
      io.stdout(`FluxDeck is serving ${dataDir}\nOpen ${handle.url}\n`);
      if (!args.values['no-open']) openBrowser(handle.url);
      await io.untilSignal();
      await handle.close();
      return 0;
    } finally {
      await services.close();
    }
  },
};

/** `/metrics` from the flags (`--metrics`, `--metrics-token-file`), else from the app setting (Settings → Prometheus). */
async function startMetrics(services: ReturnType<typeof createServices>, values: Record<string, unknown>, io: { stdout: (text: string) => void }): Promise<void> {
  if (!values.metrics && !values['metrics-token-file']) {
    const fromSettings = await services.metrics.startFromSettings();
    if (fromSettings) io.stdout(`metrics: ${fromSettings.url} (token as set in Settings)\n`);
    return;
  }
  const tokenFile = typeof values['metrics-token-file'] === 'string' ? values['metrics-token-file'] : undefined;
  let token: string | undefined;
  if (tokenFile) {
    token = readFileSync(tokenFile, 'utf8').split(/\r?\n/, 1)[0]?.trim();
    if (!token || token.length < 16 || /\s/.test(token)) throw new AppError('BAD_INPUT', `${tokenFile}: the metrics token must be one line of at least 16 characters`);
  }
  const portText = typeof values['metrics-port'] === 'string' ? values['metrics-port'] : undefined;
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('BAD_INPUT', '--metrics-port must be an integer from 0 to 65535');
  const server = await services.metrics.startWith({ ...(token ? { token } : {}), port });
  io.stdout(`metrics: ${server.url} token ${server.token}\n`);
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
