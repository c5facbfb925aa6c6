#!/usr/bin/env node
// better-sqlite3 is a native addon: a build for Node's ABI does not load in Electron and the reverse.
// Tests, the CLI and `serve` run under plain Node; the desktop app runs under Electron. This script
// makes node_modules hold the build the next command needs, rebuilding only when the marker differs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { withNativeLock } from './native-lock.mjs';

const require = createRequire(import.meta.url);
const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: ensure-native.mjs node|electron');
  process.exit(2);
}

const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const marker = path.join(moduleDir, 'build', 'Release', '.fluxdeck-runtime');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

function wanted() {
  return target === 'node' ? `node-${process.versions.modules}` : `electron-${electronVersion()}`;
}

function loadsUnderNode() {
  const probe = "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get()";
  return spawnSync(process.execPath, ['-e', probe], { cwd: process.cwd(), stdio: 'ignore' }).status === 0;
}

function current() {
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
}
function upToDate() {
  return current() === wanted() && (target === 'electron' || loadsUnderNode());
}

function build() {
  if (target === 'node') {
    console.error(`[native] building better-sqlite3 for Node ABI ${process.versions.modules} (from source when no prebuilt is reachable)…`);
    execFileSync(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false'], { stdio: 'inherit' });
    if (!loadsUnderNode()) {
      console.error('[native] better-sqlite3 still does not load under Node; see the build output above.');
      process.exit(1);
    }
  } else {
    let version;
    try {
      version = electronVersion();
      require('electron');
    } catch {
      console.error('[native] no Electron binary in node_modules/electron (offline install?). Run `npm run electron:fetch` where the Electron download host is reachable.');
      process.exit(1);
    }
    console.error(`[native] rebuilding better-sqlite3 for Electron ${version}…`);
    execFileSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
  }
  writeFileSync(marker, wanted());
}

if (upToDate()) process.exit(0);
// One builder at a time; whoever waited checks again, since the first may have built what it needs.
withNativeLock(path.join(moduleDir, '..', '.fluxdeck-native.lock'), () => {
  if (!upToDate()) build();
});
