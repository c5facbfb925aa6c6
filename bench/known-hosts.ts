import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Inventory } from '../src-shared/inventory.schema';
import { describeKey } from '../src-main/sim/keys';

const hostKeyFileSchema = z.record(z.string(), z.string());

/**
 * An OpenSSH known_hosts file for the inventory, so the baseline runs with
 * StrictHostKeyChecking=yes like a careful script would. The inventory carries only fingerprints;
 * the keys come from the simulator's keys dir (`host-keys.json`, node name → host key) and each one
 * must match the fingerprint the inventory pins, or this throws.
 */
export async function writeKnownHosts(inventory: Inventory, keysDir: string, file: string): Promise<void> {
  const keys = hostKeyFileSchema.parse(JSON.parse(await readFile(path.join(keysDir, 'host-keys.json'), 'utf8')));
  const lines = inventory.nodes.map((node) => {
    const text = keys[node.name];
    if (!text) throw new Error(`no host key for ${node.name} in the simulator's keys dir`);
    const key = describeKey(text);
    if (node.hostKey && node.hostKey.fingerprint !== key.fingerprint) throw new Error(`host key of ${node.name} does not match the inventory's fingerprint`);
    return `[${node.host}]:${node.sshPort} ${key.type} ${key.blob.toString('base64')}`;
  });
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}
