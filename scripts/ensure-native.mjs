#!/usr/bin/env node
// better-sqlite3 is a native addon: a build for Node's ABI does not load in Electron and the reverse.
// Tests, the CLI and `serve` run under plain Node; the desktop app runs under Electron. This script
// makes node_modules hold the build the next command needs, rebuilding only when the marker differs.
// ssh2's optional crypto binding is built beside it: its ciphers cost a fifth less CPU per SSH poll
// than ssh2's JavaScript fallback (which creates a decipher per packet). Without a compiler ssh2
// still works on the fallback, so a failed build of it only warns.
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

/** Whether `probe` exits 0 in a fresh Node process (a native addon loads only in a process of its ABI). */
function succeedsUnderNode(probe) {
  return spawnSync(process.execPath, ['-e', probe], { cwd: process.cwd(), stdio: 'ignore' }).status === 0;
}

function loadsUnderNode() {
  return succeedsUnderNode("const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get()");
}

const SSH2_FALLBACK = 'ssh2-js-ciphers';

function sshCryptoLoadsUnderNode() {
  return succeedsUnderNode("process.exit(require('ssh2/lib/protocol/crypto.js').bindingAvailable ? 0 : 1)");
}

function current() {
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim().split(' ') : [];
}
function upToDate() {
  const [built, ...notes] = current();
  if (built !== wanted()) return false;
  if (target === 'electron') return true;
  return loadsUnderNode() && (notes.includes(SSH2_FALLBACK) || sshCryptoLoadsUnderNode());
}

/** True when ssh2's binding was built and loads; false leaves ssh2 on its JavaScript ciphers. */
function buildSshCryptoForNode() {
  console.error('[native] building ssh2\'s optional crypto binding…');
  spawnSync(npm, ['rebuild', 'ssh2', '--ignore-scripts=false'], { stdio: 'inherit' });
  if (sshCryptoLoadsUnderNode()) return true;
  console.error('[native] ssh2\'s crypto binding did not build: SSH works on its JavaScript ciphers, with more CPU per poll.');
  return false;
}

function build() {
  let notes = '';
  if (target === 'node') {
    console.error(`[native] building better-sqlite3 for Node ABI ${process.versions.modules} (from source when no prebuilt is reachable)…`);
    execFileSync(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false'], { stdio: 'inherit' });
    if (!loadsUnderNode()) {
      console.error('[native] better-sqlite3 still does not load under Node; see the build output above.');
      process.exit(1);
    }
    if (!buildSshCryptoForNode()) notes = ` ${SSH2_FALLBACK}`;
  } else {
    let version;
    try {
      version = electronVersion();
      require('electron');
    } catch {
      console.error('[native] no Electron binary in node_modules/electron (offline install?). Run `npm run electron:fetch` where the Electron download host is reachable.');
      process.exit(1);
    }
    console.error(`[native] rebuilding better-sqlite3 and ssh2's crypto binding for Electron ${version}…`);
    execFileSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
  }
  writeFileSync(marker, wanted() + notes);
}

if (upToDate()) process.exit(0);
// One builder at a time; whoever waited checks again, since the first may have built what it needs.
withNativeLock(path.join(moduleDir, '..', '.fluxdeck-native.lock'), () => {
  if (!upToDate()) build();
});
