// Bench figure for onboarding at provider scale: a generated N-node CSV (default 5,000) previewed
// and then committed through the app's import pipeline into a fresh database. Prints one JSON line.
// Not part of `npm run bench`'s default phases; run: npx tsx bench/csv-import.ts [--nodes N]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../src-main/core/services';

const argIndex = process.argv.indexOf('--nodes');
const count = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 5_000;

function csv(n: number): string {
  const lines = ['name,host,sshPort,apiPort,username,privateKeyPath,tags,owner,provider,monthlyCostUsd'];
  for (let i = 0; i < n; i++) {
    const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    lines.push(`node-${i},${host},22,16127,root,/keys/id_${i % 7},"eu tier${i % 3}",Owner ${i % 40},Provider ${i % 5},${(i % 30) + 5}.5`);
  }
  return `${lines.join('\n')}\n`;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'fluxdeck-bench-csv-'));
const services = createServices({ dataDir: dir, mode: 'serve' });
try {
  const text = csv(count);
  const t0 = performance.now();
  const plan = services.importer.pipeline.preview({ text, format: 'csv' });
  const t1 = performance.now();
  const result = services.importer.pipeline.commit({ text, format: 'csv' });
  const t2 = performance.now();
  if (plan.add.length !== count || result.add.length !== count) throw new Error(`imported ${result.add.length} of ${count}`);
  console.log(JSON.stringify({ nodes: count, previewMs: Math.round(t1 - t0), commitMs: Math.round(t2 - t1), totalMs: Math.round(t2 - t0) }));
} finally {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
}
