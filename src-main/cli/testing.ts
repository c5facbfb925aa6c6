import type { CliIO } from './command';
import { runCli } from './main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing its output; `stop` plays the role of Ctrl-C. */
export async function runCapture(argv: string[], env: NodeJS.ProcessEnv = {}, untilSignal?: () => Promise<void>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    untilSignal: untilSignal ?? (() => Promise.resolve()),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
