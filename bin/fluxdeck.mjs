#!/usr/bin/env node
// Runs the CLI from TypeScript sources through tsx, so `npx fluxdeck` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/cli/main.ts');

let signalled;
const untilSignal = new Promise((resolve) => {
  signalled = resolve;
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => signalled());

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  untilSignal: () => untilSignal,
});
process.exitCode = code;
// Commands close their own sockets and databases; exit so a stray handle cannot keep the CLI alive.
process.stdout.write('', () => process.exit(code));
