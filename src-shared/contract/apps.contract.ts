import { z } from 'zod';
import { channel } from './define';
import { ExplainedNumber } from './rewards.contract';

/*
 * App hosting and placement: what the fleet's nodes host (`/apps/installedapps`,
 * `/apps/listrunningapps`, `/apps/appsresources`), how much of each node's app capacity that
 * locks, where the fleet sits (`/flux/geolocation`, the node's own IP), and where apps a user owns
 * run network-wide (the public `apps/globalappsspecifications` and `apps/location/<name>`).
 * Every string from a node or the registry is capped, control-free text.
 */

const int = z.number().int();
const num = z.number().nullable();

/** true: a TCP connect from FluxDeck succeeded; false: refused or timed out; null: not tried yet. */
export const PortCheck = z.object({ port: int, answers: z.boolean().nullable() });
export type PortCheck = z.infer<typeof PortCheck>;

export const AppComponentView = z.object({
  name: z.string().nullable(),
  description: z.string().nullable(),
  image: z.string().nullable(),
  cpu: num,
  ramMb: num,
  hddGb: num,
  ports: z.array(PortCheck),
  /** Docker state of its container (`running`, `exited`, …); null when no container is listed. */
  state: z.string().nullable(),
  /** Container creation, unix seconds. */
  since: int.nullable(),
  statusText: z.string().nullable(),
  /** Docker's restart count; FluxOS's container list does not report it, so usually null. */
  restartCount: int.nullable(),
  /** A tiered spec: the FluxOS tier (`basic`/`super`/`bamf`) whose figures cpu/ram/hdd are; null when the plain figures apply. */
  tier: z.enum(['basic', 'super', 'bamf']).nullable(),
});
export type AppComponentView = z.infer<typeof AppComponentView>;

export const NodeAppView = z.object({
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  specVersion: int.nullable(),
  enterprise: z.boolean(),
  instances: int.nullable(),
  components: z.array(AppComponentView),
});
export type NodeAppView = z.infer<typeof NodeAppView>;

export const Resources = z.object({ cpu: num, ramMb: num, hddGb: num });
export type Resources = z.infer<typeof Resources>;

export const NodeApps = z.object({
  nodeId: int,
  /** false until the node has answered `/apps/installedapps` once since FluxDeck started. */
  known: z.boolean(),
  apps: z.array(NodeAppView),
  locked: Resources.nullable(),
  /** What FluxOS lets apps use on the node's tier, each figure with its formula and inputs; null when the tier is unknown. */
  capacity: z.object({ cpu: ExplainedNumber, ramMb: ExplainedNumber, hddGb: ExplainedNumber }).nullable(),
});
export type NodeApps = z.infer<typeof NodeApps>;

export const FleetApp = z.object({
  name: z.string(),
  enterprise: z.boolean(),
  nodes: z.array(z.object({ id: int, name: z.string() })),
  instancesOnMyNodes: int,
  /** Instances network-wide from the public locations; null when no public API answered. */
  instancesNetwork: int.nullable(),
  /** Instances the spec asks for. */
  instancesWanted: int.nullable(),
  cpu: z.number(),
  ramMb: z.number(),
  hddGb: z.number(),
});
export type FleetApp = z.infer<typeof FleetApp>;

export const WalletUse = z.object({
  wallet: z.string(),
  nodes: int,
  nodesWithApps: int,
  locked: z.object({ cpu: z.number(), ramMb: z.number(), hddGb: z.number() }),
  /** Benchmarked hardware summed (cores, MB, GB) over nodes that report it. */
  benchmarked: z.object({ cpu: z.number(), ramMb: z.number(), hddGb: z.number() }),
});
export type WalletUse = z.infer<typeof WalletUse>;

export const AppsInventory = z.object({ apps: z.array(FleetApp), wallets: z.array(WalletUse), publicApi: z.boolean() });
export type AppsInventory = z.infer<typeof AppsInventory>;

export const PlacementGroup = z.object({ key: z.string(), nodes: int, share: z.number(), nodeNames: z.array(z.string()) });
export type PlacementGroup = z.infer<typeof PlacementGroup>;

export const PlacementWarning = z.object({ kind: z.enum(['country', 'provider', 'ip']), key: z.string(), nodes: int, share: z.number() });
export type PlacementWarning = z.infer<typeof PlacementWarning>;

export const Placement = z.object({
  total: int,
  shareLimit: z.number(),
  maxNodesPerIp: int,
  byCountry: z.array(PlacementGroup),
  byProvider: z.array(PlacementGroup),
  byIp: z.array(PlacementGroup),
  warnings: z.array(PlacementWarning),
});
export type Placement = z.infer<typeof Placement>;

export const OwnedApps = z.object({
  owner: z.string(),
  apps: z.array(
    z.object({
      name: z.string(),
      instances: z.array(
        z.object({ ip: z.string(), node: z.object({ id: int, name: z.string() }).nullable(), ports: z.array(PortCheck) }),
      ),
    }),
  ),
});
export type OwnedApps = z.infer<typeof OwnedApps>;

const flux_id = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9]+$/, 'a Flux ID is letters and digits');

export const appsChannels = {
  /** One node's apps, components, port checks, locked resources and capacity. */
  'apps:node': channel(z.object({ nodeId: int.positive() }).strict(), NodeApps),
  /** Every app on any of my nodes, plus per-wallet utilisation. */
  'apps:list': channel(z.object({}).strict(), AppsInventory),
  /** The fleet by country, provider and public IP, with concentration warnings. */
  'apps:placement': channel(z.object({ shareLimit: z.number().gt(0).lte(1).optional() }).strict(), Placement),
  /** Where the apps of one owner (Flux ID) run network-wide, and whether each instance answers. */
  'apps:owned': channel(z.object({ owner: flux_id }).strict(), OwnedApps),
};
