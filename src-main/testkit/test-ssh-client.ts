import { readFileSync } from 'node:fs';
import ssh2, { type ConnectConfig } from 'ssh2';
import type { InventoryNode } from '../../src-shared/inventory.schema';
import { fingerprintOfBlob } from '../sim/keys';

const { Client } = ssh2;

/** Test helper: an ssh2 client connection to one inventory node (not used by production code). */

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  /** How many stdout data events arrived (slow output arrives in many). */
  chunks: number;
}

export interface Connected {
  client: InstanceType<typeof Client>;
  /** Fingerprint of the host key the server presented. */
  fingerprint: string;
  exec(command: string): Promise<ExecResult>;
  end(): void;
}

export function connect(node: InventoryNode, extra: Partial<ConnectConfig> = {}): Promise<Connected> {
  const client = new Client();
  // Nagle on the client side costs ~40 ms per auth round trip on loopback.
  client.once('connect', () => client.setNoDelay(true));
  let fingerprint = '';
  return new Promise((resolve, reject) => {
    client.once('ready', () =>
      resolve({
        client,
        fingerprint,
        exec: (command) => execOn(client, command),
        end: () => client.end(),
      }),
    );
    // ssh2 may emit several errors for one failure; later ones must not crash the test run.
    client.on('error', () => undefined);
    client.once('error', (err) => {
      client.end();
      reject(err);
    });
    client.connect({
      host: node.host,
      port: node.sshPort,
      username: node.username,
      privateKey: readFileSync(node.privateKeyPath!),
      readyTimeout: 5_000,
      hostVerifier: (key: Buffer) => {
        fingerprint = fingerprintOfBlob(key);
        return true;
      },
      ...extra,
    });
  });
}

export function execOn(client: InstanceType<typeof Client>, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let chunks = 0;
      stream.on('data', (d: Buffer) => {
        stdout += d.toString('utf8');
        chunks++;
      });
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      stream.on('exit', (c: number | null) => (code = c));
      stream.on('close', () => resolve({ stdout, stderr, code, chunks }));
    });
  });
}

/** Connects, runs one command, disconnects. */
export async function sshRun(node: InventoryNode, command: string): Promise<ExecResult> {
  const c = await connect(node);
  try {
    return await c.exec(command);
  } finally {
    c.end();
  }
}
