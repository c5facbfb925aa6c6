import type { CliIO } from '../cli/command';
import { runCli } from '../cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** An in-memory CliIO: what a command printed, and `stop` playing the role of Ctrl-C. */
export function captureIo(env: NodeJS.ProcessEnv = {}): { io: CliIO; stop: () => void; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  let stop: () => void = () => undefined;
  const signal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const io: CliIO = {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env,
    untilSignal: () => signal,
  };
  return { io, stop, out: () => out, err: () => err };
}

/** Runs the CLI in-process, capturing its output; long-running commands stop at once. */
export async function runCapture(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const capture = captureIo(env);
  capture.stop();
  const code = await runCli(argv, capture.io);
  return { code, stdout: capture.out(), stderr: capture.err() };
}
