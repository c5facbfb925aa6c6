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

function run(args, options = {}) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit', ...options });
  children.push(child);
  return child;
}

function stop(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => {
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  }, 500);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function step(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) stop(result.status ?? 1);
}

step('npm', ['run', '--silent', 'native:node']);
if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) step('npm', ['run', '--silent', 'build']);

console.log('[demo] starting 12 simulated FluxNodes…');
run(['sim', '--fleet', path.join(root, 'resources', 'sim', 'demo-fleet.json'), '--inventory', inventory, '--block-ms', '30000', '--keys-dir', path.join(work, 'keys')]);
for (let i = 0; i < 120 && !existsSync(inventory); i++) await new Promise((resolve) => setTimeout(resolve, 250));
if (!existsSync(inventory)) {
  console.error('[demo] the simulator did not start; see its output above');
  stop(1);
}
step(process.execPath, [cli, 'nodes', 'import', inventory, '--set-public-api', '--data-dir', dataDir]);

let electronBinary;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = undefined;
}
if (electronBinary && spawnSync('npm', ['run', '--silent', 'native:electron'], { stdio: 'inherit', cwd: root }).status === 0) {
  console.log('[demo] opening the desktop app');
  const app = spawn(electronBinary, [path.join(root, 'out', 'main', 'index.js')], { stdio: 'inherit', env: { ...process.env, FLUXDECK_DATA_DIR: dataDir } });
  children.push(app);
  app.on('exit', () => stop(0));
} else {
  console.log('[demo] no Electron binary here: serving the UI in your browser instead');
  run(['serve', '--data-dir', dataDir, ...process.argv.slice(2)]);
}
