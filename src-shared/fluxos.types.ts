/**
 * Domain objects read from a FluxNode's FluxOS API, normalised to camelCase.
 * Pure contract shared by main and renderer: no node imports. A value the node did not report, or
 * reported as "unknown" (fluxd's numeric 0 for `activesince`/`lastpaid`), is `null`, never invented.
 */

/** Node tiers as fluxd names them. */
export type FluxTier = 'CUMULUS' | 'NIMBUS' | 'STRATUS';

/**
 * fluxd's node states; `EXPIRED` is the lowercase `{"status":"expired"}` answer for an outpoint that is
 * in none of the lists.
 */
export type FluxnodeState = 'CONFIRMED' | 'STARTED' | 'DOS' | 'OFFLINE' | 'EXPIRED';

/** The heights and times fluxd keeps for every node, in its status and in the deterministic list. */
export interface FluxnodeHistory {
  addedHeight: number | null;
  confirmedHeight: number | null;
  lastConfirmedHeight: number | null;
  /** null when the node was never paid (fluxd's 0). */
  lastPaidHeight: number | null;
  /** Unix seconds. */
  activeSince: number | null;
  /** Unix seconds. */
  lastPaid: number | null;
}

/** `/daemon/getfluxnodestatus`. */
export interface FluxnodeStatus extends FluxnodeHistory {
  status: FluxnodeState;
  tier: FluxTier | null;
  /** `COutPoint(<txhash>, <n>)` as fluxd prints it. */
  collateral: string | null;
  txhash: string | null;
  outidx: number | null;
  /** Collateral in FLUX. */
  amount: number | null;
  paymentAddress: string | null;
  /** `a.b.c.d` or `a.b.c.d:port` (UPnP nodes). */
  ip: string | null;
  network: string | null;
}

/** `/daemon/getinfo` (the parts a monitor shows). */
export interface DaemonInfo {
  /** fluxd's integer version, e.g. 9000650. */
  version: number;
  /** The same as `major.minor.rev-build`, e.g. `9.0.6-50`. */
  versionText: string;
  protocolVersion: number | null;
  blocks: number;
  connections: number | null;
  difficulty: number | null;
  testnet: boolean | null;
  timeOffset: number | null;
  /** fluxd's warning text; empty when none. */
  errors: string;
}

/** One element of `/daemon/viewdeterministicfluxnodelist`. */
export interface DeterministicNode extends FluxnodeHistory {
  collateral: string | null;
  txhash: string;
  outidx: number;
  ip: string;
  network: string | null;
  tier: FluxTier | null;
  paymentAddress: string;
  pubkey: string | null;
  amount: number | null;
  /** Position in its tier's payment queue, counted from 0 (0 = paid next). */
  rank: number | null;
}

/** The deterministic list with the count of elements that did not match the expected shape. */
export interface DeterministicList {
  nodes: DeterministicNode[];
  /** Elements skipped because they could not be read. */
  invalid: number;
}

/** `/daemon/getfluxnodecount` (fluxd's hyphenated keys). */
export interface FluxnodeCount {
  total: number;
  stable: number | null;
  cumulusEnabled: number | null;
  nimbusEnabled: number | null;
  stratusEnabled: number | null;
  ipv4: number | null;
  ipv6: number | null;
  onion: number | null;
}

/** One disk from the benchmark's `disksinfo`. */
export interface BenchDisk {
  disk: string;
  sizeGb: number | null;
  writeSpeedMbs: number | null;
}

/** fluxbench results (`/benchmark/getbenchmarks`, or `/daemon/getbenchmarks` once parsed). */
export interface Benchmarks {
  /** Raw status: a tier name when the hardware passed, else `failed`, `toaster`, `running`, … */
  status: string;
  /** `status` when it is a tier name, else null. */
  tier: FluxTier | null;
  ipAddress: string | null;
  architecture: string | null;
  /** Unix seconds of the run. */
  time: number | null;
  realCores: number | null;
  cores: number | null;
  ramGb: number | null;
  ssdGb: number | null;
  hddGb: number | null;
  totalStorageGb: number | null;
  ddWriteMbs: number | null;
  eps: number | null;
  epsSingleThread: number | null;
  pingMs: number | null;
  downloadMbps: number | null;
  uploadMbps: number | null;
  benchVersion: string | null;
  speedVersion: string | null;
  thunder: boolean | null;
  /** true on ArcaneOS. */
  systemSecure: boolean | null;
  /** fluxbench's error text; null when empty. */
  error: string | null;
  disks: BenchDisk[];
}

/**
 * `/benchmark/getinfo` (or `fluxbench-cli getinfo`): the fluxbench daemon's own version, the one
 * FluxOS compares with its minimum (fluxNetworkHelper checkFluxbenchVersionAllowed).
 */
export interface BenchInfo {
  version: string;
  rpcPort: number | null;
}

/** `/daemon/getbenchmarks`: fluxbench output as a string, or "Benchmark not running". */
export type DaemonBenchmarks = { running: true; benchmarks: Benchmarks } | { running: false; message: string };

/** `/benchmark/getstatus`. */
export interface BenchStatus {
  /** `online` or something else. */
  status: string;
  /** A tier name, `running`, `failed`, `toaster`, `complete`, … */
  benchmarking: string;
  /** `connected` / `disconnected` (legacy benches call this key `zelback`); null if absent. */
  flux: string | null;
}

/** A published container port from `/apps/listrunningapps`. */
export interface AppPort {
  ip: string | null;
  privatePort: number | null;
  publicPort: number | null;
  type: string | null;
}

/** One Flux app container from `/apps/listrunningapps`. */
export interface RunningApp {
  id: string;
  /** Container name without the leading slash, e.g. `fluxweb_myapp`. */
  containerName: string;
  /** App name derived from the container name (`flux<component>_<app>` / `flux<app>` / `zel<app>`). */
  appName: string | null;
  /** Compose component, when the container name has one. */
  componentName: string | null;
  image: string | null;
  /** Unix seconds. */
  created: number | null;
  state: string | null;
  /** Docker's human status, e.g. `Up 5 days`. */
  statusText: string | null;
  ports: AppPort[];
}

/** FluxOS's names for the tiers in tiered specs (`generalService.nodeTier`): cumulus, nimbus, stratus. */
export type SpecTier = 'basic' | 'super' | 'bamf';

/** cpu (cores), ram (MB), hdd (GB) as a spec gives them. */
export interface SpecFigures {
  cpu: number | null;
  ramMb: number | null;
  hddGb: number | null;
}

/** One component of an installed app spec. */
export interface InstalledAppComponent extends SpecFigures {
  name: string | null;
  description?: string | null;
  repotag: string | null;
  /**
   * A `tiered: true` spec's per-tier figures (`cpubasic`/`rambasic`/`hddbasic`, `…super`, `…bamf`);
   * absent when the spec is not tiered. FluxOS uses a tier's figure where it is set and non-zero,
   * else the plain `cpu`/`ram`/`hdd`.
   */
  tiers?: Record<SpecTier, SpecFigures>;
  /** Public ports the spec asks for (`ports[]`, or v1–v3 `port`). */
  ports?: number[];
}

/** One locally installed app spec from `/apps/installedapps`. */
export interface InstalledApp {
  name: string;
  specVersion: number | null;
  owner: string | null;
  description: string | null;
  instances: number | null;
  hash: string | null;
  height: number | null;
  /** v8 spec with a non-empty `enterprise` field (encrypted, ArcaneOS-only). */
  enterprise?: boolean;
  /** v4+ `compose[]`; v1–v3 flat specs become one component. */
  components: InstalledAppComponent[];
}

/** `/daemon/getblocksubsidy`: the whole block subsidy in FLUX. */
export interface BlockSubsidy {
  miner: number;
}

/** `/apps/appsresources`: what installed apps lock on the node. */
export interface AppsResources {
  /** Cores. */
  cpu: number | null;
  ramMb: number | null;
  hddGb: number | null;
}

/** `/flux/geolocation` (FluxOS `geolocationService`). */
export interface Geolocation {
  ip: string | null;
  continent: string | null;
  continentCode: string | null;
  country: string | null;
  countryCode: string | null;
  region: string | null;
  regionName: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** Provider / ASN organisation. */
  org: string | null;
  static: boolean | null;
  dataCenter: boolean | null;
}

/** One record of the public `/apps/location/<name>` (`zelappslocation` documents). */
export interface AppLocation {
  name: string;
  hash: string | null;
  /** `a.b.c.d` or `a.b.c.d:port`. */
  ip: string;
  broadcastedAt: string | null;
}
