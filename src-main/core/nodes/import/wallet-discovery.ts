import type { DiscoveredNode, DiscoverPlan, DiscoverResult } from '../../../../src-shared/contract';
import type { DeterministicNode } from '../../../../src-shared/fluxos.types';
import { AppError } from '../../errors';
import { PublicApiClient } from '../../fluxos/fluxos-client';
import { statsUrlFor } from '../../health/minimum-versions';
import type { ImportSource } from './import-source';
import type { NodeImporter } from './node-importer';
import { walletSource } from './wallet-source';

export interface DiscoveryRequest {
  owner: string;
  addresses: readonly string[];
  fluxId?: string | undefined;
}

/** Beyond this many addresses one full list (~7 MiB) is cheaper than a filtered query per address. */
const FILTERED_UP_TO = 10;

/**
 * Wallet and Flux ID discovery: the public deterministic list's nodes for payment addresses (a Flux
 * ID is first turned into the addresses of its nodes through stats.runonflux.io's vote-power route),
 * shown like any import preview and committed as API-only nodes under one owner.
 */
export class WalletDiscovery {
  constructor(
    private readonly importer: NodeImporter,
    private readonly publicApiUrl: () => string | null,
  ) {}

  /** What adding the nodes would do; writes nothing. `publicApi` overrides the configured URL (CLI). */
  async preview(request: DiscoveryRequest, publicApi?: string): Promise<DiscoverPlan> {
    const { found, source } = await this.find(request, publicApi);
    return { ...this.importer.previewSource(source), found };
  }

  /** Adds the nodes and records the addresses on the owner, in one transaction. */
  async commit(request: DiscoveryRequest, publicApi?: string): Promise<DiscoverResult> {
    const { found, source, addresses } = await this.find(request, publicApi);
    return { ...this.importer.commitSource(source, { ownerAddresses: { [request.owner]: addresses } }), found };
  }

  private async find(request: DiscoveryRequest, publicApi: string | undefined): Promise<{ found: DiscoveredNode[]; source: ImportSource; addresses: string[] }> {
    const url = publicApi ?? this.publicApiUrl();
    if (!url) throw new AppError('BAD_INPUT', 'No public API is set: enter one in Settings (e.g. https://api.runonflux.io)');
    const api = new PublicApiClient(url);
    const stats = new PublicApiClient(statsUrlFor(url));
    try {
      const fromFluxId = request.fluxId ? await stats.getFluxIdNodes({ params: { zelid: request.fluxId } }) : [];
      const addresses = [...new Set([...request.addresses, ...fromFluxId.map((n) => n.paymentAddress)])];
      const list = await deterministicNodes(api, addresses);
      const source = walletSource(list, request.owner, addresses);
      if (request.fluxId && fromFluxId.length === 0) source.notes.push(`stats.runonflux.io lists no node under the Flux ID ${request.fluxId}`);
      for (const n of fromFluxId) {
        if (!list.some((d) => d.txhash === n.txhash && d.outidx === n.outidx)) {
          source.skip.push({ name: `${n.txhash.slice(0, 12)}:${n.outidx}`, reason: 'runs under the Flux ID but is not in the deterministic list (not confirmed now)' });
        }
      }
      return { found: list.map(toDiscovered), source, addresses };
    } finally {
      api.close();
      stats.close();
    }
  }
}

async function deterministicNodes(api: PublicApiClient, addresses: readonly string[]): Promise<DeterministicNode[]> {
  if (addresses.length === 0) return [];
  const wanted = new Set(addresses);
  if (addresses.length > FILTERED_UP_TO) return (await api.getDeterministicList()).nodes.filter((n) => wanted.has(n.paymentAddress));
  const lists = await Promise.all(addresses.map((filter) => api.getDeterministicList({ params: { filter } })));
  // The filter is a substring match on several fields: keep exact payment-address matches only.
  const seen = new Set<string>();
  return lists.flatMap((l) => l.nodes).filter((n) => wanted.has(n.paymentAddress) && !seen.has(`${n.txhash}:${n.outidx}`) && seen.add(`${n.txhash}:${n.outidx}`));
}

function toDiscovered(n: DeterministicNode): DiscoveredNode {
  // fluxd's GetDeterministicListData walks listConfirmedFluxnodes: every listed node is CONFIRMED.
  return { ip: n.ip, tier: n.tier, status: 'CONFIRMED', txid: n.txhash, outidx: n.outidx, paymentAddress: n.paymentAddress };
}
