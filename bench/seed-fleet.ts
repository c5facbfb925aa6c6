import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { NodeStatus } from '../src-shared/contract';
import { blankStatus } from '../src-shared/node-status';
import { HistoryRepo } from '../src-main/core/history/history.repo';
import { NodesRepo } from '../src-main/core/nodes/nodes.repo';
import { databasePath } from '../src-main/core/paths';
import { loopbackAddress } from '../src-main/sim/fleet-nodes';
import { generateEd25519 } from '../src-main/sim/keys';
import { openDatabase } from '../src-main/core/store/database';

/** Distinct 127.x.y.z addresses (never 127.0.0.1), as the simulator hands them out. */
export function loopbackHost(index: number): string {
  return loopbackAddress(index);
}

/**
 * A loopback port nobody listens on: bound once on 127.0.0.1 to pick it, then released, so
 * connecting to it on any 127.x address is refused at once.
 */
export function refusingPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface SeededFleet {
  dataDir: string;
  /** The latest status of every seeded node, as stored. */
  statuses: NodeStatus[];
}

/**
 * A data dir holding `count` registered legacy nodes (key-file SSH credentials) with realistic
 * latest statuses, written through the app's repos (NodesRepo.insertMany, HistoryRepo.record).
 * The statuses are the poll phase's real ones, re-addressed and stamped "just polled", so serve
 * (started with a day-long interval) does not poll them on its own. Every node points at a refusing
 * loopback port: a poll fails fast and touches nothing outside this machine.
 */
export async function seedFleet(options: { dataDir: string; count: number; templates: readonly NodeStatus[] }): Promise<SeededFleet> {
  const port = await refusingPort();
  const keyPath = path.join(options.dataDir, 'bench_id_ed25519');
  const db = openDatabase(databasePath(options.dataDir));
  try {
    await writeFile(keyPath, generateEd25519('fluxdeck-bench').privateKey, { mode: 0o600 });
    const nodes = new NodesRepo(db).insertMany(
      Array.from({ length: options.count }, (_, i) => ({
        name: `node-${i + 1}`,
        host: loopbackHost(i),
        sshPort: port,
        apiPort: port,
        username: 'flux',
        authKind: 'key-file' as const,
        keyPath,
        secretRef: null,
        passphraseRef: null,
        tags: ['bench', `rack-${(i % 20) + 1}`],
      })),
    );
    const now = Date.now();
    const statuses = nodes.map((node, i): NodeStatus => {
      const template = options.templates.length ? options.templates[i % options.templates.length]! : blankStatus(node, 'ok');
      return { ...template, nodeId: node.id, name: node.name, host: node.host, tags: [...node.tags], lastPolledAt: now, lastOkAt: now };
    });
    const history = new HistoryRepo(db);
    for (let i = 0; i < statuses.length; i += 500) history.record(statuses.slice(i, i + 500));
    return { dataDir: options.dataDir, statuses };
  } finally {
    db.close();
  }
}
