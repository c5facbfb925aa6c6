#!/usr/bin/env node
// Runs the compiled CLI (out/cli/main.mjs), building it first when it is missing or older than the
// sources, so `npx fluxdeck` works right after `npm ci` and never runs stale code.
import { pathToFileURL } from 'node:url';
import { buildCli, cliBuildIsStale, CLI_OUTPUT } from '../scripts/build-cli.mjs';

if (cliBuildIsStale()) await buildCli();
const { runCli } = await import(pathToFileURL(CLI_OUTPUT).href);

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
