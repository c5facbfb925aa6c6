#!/usr/bin/env node
// Compiles the `fluxdeck` CLI (and `serve`) to one JavaScript file, out/cli/main.mjs, so the CLI runs
// on plain Node without a TypeScript loader in memory. Dependencies stay external (node_modules);
// our own code and the data in resources/ are bundled. bin/fluxdeck.mjs calls this when the build
// is missing or older than the sources; `npm run build` calls it too.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUTPUT = path.join(root, 'out', 'cli', 'main.mjs');
const SOURCES = ['src-main', 'src-shared', 'resources/chain', 'resources/health'].map((dir) => path.join(root, dir));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when out/cli/main.mjs is missing or older than any source it is built from. */
export function cliBuildIsStale() {
  let built;
  try {
    built = statSync(CLI_OUTPUT).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((dir) => newestMtime(dir) > built);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  mkdirSync(path.dirname(CLI_OUTPUT), { recursive: true });
  // Built beside, then renamed: several CLIs starting at once never load a half-written file.
  const temp = `${CLI_OUTPUT}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [path.join(root, 'src-main', 'cli', 'main.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  renameSync(temp, CLI_OUTPUT);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
