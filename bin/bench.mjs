#!/usr/bin/env node
// Runs the fleet-scale benchmark from TypeScript sources through tsx (see bench/main.ts).
import { register } from 'tsx/esm/api';

register();
const { runBench } = await import('../bench/main.ts');

const code = await runBench(process.argv.slice(2));
process.exitCode = code;
// Every server the bench started is closed by now; exit so a stray handle cannot keep it alive.
process.stdout.write('', () => process.exit(code));
