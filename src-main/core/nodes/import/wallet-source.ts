import type { DeterministicNode } from '../../../../src-shared/fluxos.types';
import { DEFAULT_API_PORT } from '../../../../src-shared/inventory.schema';
import { emptySource, type ImportSource } from './import-source';

/** `1.2.3.4:16137` or `[::1]:16127` or a bare address, as the deterministic list writes `ip`. */
export function splitEndpoint(ip: string): { host: string; apiPort: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(ip);
  if (bracketed?.[1]) return { host: bracketed[1], apiPort: bracketed[2] ? Number(bracketed[2]) : DEFAULT_API_PORT };
  const parts = ip.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return { host: parts[0]!, apiPort: Number(parts[1]) };
  return { host: ip, apiPort: DEFAULT_API_PORT };
}

/**
 * The nodes the public deterministic list has for an owner's payment addresses, as API-only rows
 * (no SSH: the list knows nothing about access) named `<owner>-<tier>-<host>-<port>`, tagged by tier.
 */
export function walletSource(list: readonly DeterministicNode[], owner: string, addresses: readonly string[]): ImportSource {
  const source = emptySource('inventory');
  const wanted = new Set(addresses);
  const found = list.filter((node) => wanted.has(node.paymentAddress));
  for (const address of addresses) {
    if (!found.some((n) => n.paymentAddress === address)) source.notes.push(`No node in the deterministic list pays ${address}`);
  }
  for (const node of found) {
    const { host, apiPort } = splitEndpoint(node.ip);
    const tier = node.tier?.toLowerCase() ?? 'unknown';
    const slug = owner.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'owner';
    source.candidates.push({
      label: `${node.txhash.slice(0, 12)}:${node.outidx}`,
      values: { name: `${slug}-${tier}-${host}-${apiPort}`.slice(0, 64), host, apiPort, tags: [tier], owner },
    });
  }
  return source;
}
