#!/usr/bin/env node
// `npm run demo`: a simulated 12-node fleet and FluxDeck on a throw-away data dir with the fleet
// imported and polling. Opens the Electron app where an Electron binary exists, else `serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'fluxdeck.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-demo-'));
const dataDir = path.join(work, 'data');
const inventory = path.join(work, 'inventory.json');
const children = [];

let stopping = false;

/** Starts a fluxdeck child; its stdout is piped so the demo decides what reaches the terminal. */
function run(args, onLine = (line) => console.log(line)) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
    }
  });
  child.on('exit', (code, signal) => {
    if (!stopping) fail(`fluxdeck ${args[0]} stopped unexpectedly (${signal ?? `exit code ${code}`})`);
  });
  return child;
}

/** Stops every child (the simulator included), removes the throw-away data dir, then exits. */
function stop(code = 0) {
  if (stopping) return new Promise(() => undefined);
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  const exited = Promise.all(alive.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  const deadline = new Promise((resolve) => setTimeout(resolve, 3000));
  void Promise.race([exited, deadline]).then(() => {
    for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  });
  // Callers await this: nothing after a failed step runs.
  return new Promise(() => undefined);
}

function fail(message) {
  console.error(`[demo] ${message}; stopping.`);
  return stop(1);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function step(what, command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) await fail(`${what} failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`})`);
}

// FLUXDECK_DEMO_NATIVE_SCRIPT: a Node script run in place of `npm run native:node`, so a test can make that step fail.
const nativeScript = process.env.FLUXDECK_DEMO_NATIVE_SCRIPT;
if (nativeScript) await step('building the native SQLite module for Node', process.execPath, [nativeScript]);
else await step('building the native SQLite module for Node', 'npm', ['run', '--silent', 'native:node']);
if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) await step('building the UI', 'npm', ['run', '--silent', 'build']);

console.log('[demo] starting 12 simulated FluxNodes…');
// The simulator's own "Press Ctrl-C to stop." is dropped: the demo says it once, just before the URL.
run(['sim', '--fleet', path.join(root, 'resources', 'sim', 'demo-fleet.json'), '--inventory', inventory, '--block-ms', '30000', '--keys-dir', path.join(work, 'keys')], (line) => {
  if (!/^Press Ctrl-C/.test(line)) console.log(`[sim] ${line}`);
});
for (let i = 0; i < 120 && !existsSync(inventory); i++) await new Promise((resolve) => setTimeout(resolve, 250));
if (!existsSync(inventory)) {
  await fail('the simulator did not write its inventory within 30 s; see its output above');
}
await step('importing the simulated fleet', process.execPath, [cli, 'nodes', 'import', inventory, '--set-public-api', '--data-dir', dataDir]);
const farewell = `[demo] data dir ${dataDir} is thrown away when the demo stops.\n[demo] Press Ctrl-C to stop.`;

let electronBinary;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = undefined;
}
if (electronBinary && spawnSync('npm', ['run', '--silent', 'native:electron'], { stdio: 'inherit', cwd: root }).status === 0) {
  console.log('[demo] opening the desktop app');
  console.log(farewell);
  const app = spawn(electronBinary, [path.join(root, 'out', 'main', 'index.js')], { stdio: 'inherit', env: { ...process.env, FLUXDECK_DATA_DIR: dataDir } });
  children.push(app);
  app.on('exit', () => void stop(0));
} else {
  console.log('[demo] no Electron binary here: serving the UI in your browser instead');
  // serve's URL line is held back and printed last, on its own line, so it is what the user sees.
  let shown = false;
  run(['serve', '--data-dir', dataDir, ...process.argv.slice(2)], (line) => {
    const url = /^Open (\S+)/.exec(line);
    if (url && !shown) {
      shown = true;
      console.log(farewell);
      console.log(url[1]);
    } else if (!shown && !/^Open /.test(line)) console.log(`[serve] ${line}`);
  });
}
