import { spawn } from 'node:child_process';
import { CLI, stopChild } from './sim-child';

export interface ServeChild {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `fluxdeck serve` in its own process (the headless main process the UI talks to), bound to
 * 127.0.0.1, polling each node once a day at most so only the bench's "Poll all now" polls.
 */
export function startServeChild(dataDir: string, timeoutMs = 60_000): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--host', '127.0.0.1', '--data-dir', dataDir, '--poll-interval', '86400'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`fluxdeck serve printed no URL within ${timeoutMs / 1000} s: ${output.trim()}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, pid: child.pid!, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fluxdeck serve exited with ${code}: ${output.trim()}`));
    });
  });
}
