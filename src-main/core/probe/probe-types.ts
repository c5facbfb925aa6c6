import type { SshErrorCode } from '../ssh/ssh-error';
import type { CarriedFacts } from './cli-facts';
import type {
  AppsResources,
  Geolocation,
  InstalledApp,
  BenchInfo,
  BenchStatus,
  Benchmarks,
  DaemonInfo,
  FluxnodeStatus,
  FluxTier,
  RunningApp,
} from '../../../src-shared/fluxos.types';

/**
 * What one poll of one node gathered. Every source is settled on its own: one failing route or SSH
 * section never blanks the others, and nothing here is ever invented for a failed source.
 */

/** Why a source has no value. SSH codes pass through; the rest are FluxOS's; `UNAVAILABLE` = not offered there. */
export type ProbeErrorCode = SshErrorCode | 'BAD_RESPONSE' | 'API_ERROR' | 'TOO_LARGE' | 'UNAVAILABLE' | 'INTERNAL';

/** A typed, display-safe failure of one source. */
export interface ProbeError {
  code: ProbeErrorCode;
  /** Plain text, already sanitised; never holds a credential. */
  message: string;
  /** The FluxOS route (`/daemon/getinfo`) or SSH section (`ssh:disk`) that failed. */
  source?: string;
  /** BACKOFF: the failure the SSH pool is backing off from (e.g. AUTH_FAILED). */
  cause?: ProbeErrorCode;
}

/**
 * One source's outcome; `at` is when the value was fetched (older than the poll when cached).
 * `via: 'ssh'`: an API fact read from the node's own CLI in the SSH exec (probe/cli-facts.ts).
 */
export type SourceResult<T> =
  | { ok: true; value: T; at: number; cached: boolean; via?: 'ssh' }
  | { ok: false; error: ProbeError; at: number };

/** The individual public FluxOS routes every node is asked (never `/flux/info`). */
export interface ApiFacts {
  fluxnodeStatus: SourceResult<FluxnodeStatus>;
  daemonInfo: SourceResult<DaemonInfo>;
  benchmarks: SourceResult<Benchmarks>;
  benchStatus: SourceResult<BenchStatus>;
  /** The fluxbench daemon's own version (`/benchmark/getinfo`). */
  benchInfo: SourceResult<BenchInfo>;
  fluxVersion: SourceResult<string>;
  isArcaneOs: SourceResult<boolean>;
  uptime: SourceResult<number>;
  runningApps: SourceResult<RunningApp[]>;
  installedApps: SourceResult<InstalledApp[]>;
  appsResources: SourceResult<AppsResources>;
  geolocation: SourceResult<Geolocation>;
}

export type ApiSourceName = keyof ApiFacts;

/** The node's place in its tier's payment queue. */
export interface RankInfo {
  /** 0-based; null when the list element carried no rank. */
  rank: number | null;
  tier: FluxTier | null;
}

/** `df -P -B1 /`. */
export interface DiskFacts {
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  mount: string;
}

/** `free -b`, the `Mem:` row. */
export interface MemoryFacts {
  totalBytes: number;
  availableBytes: number;
}

/** One `docker ps --format '{{json .}}'` row, text only. */
export interface ContainerFacts {
  name: string;
  image: string | null;
  state: string | null;
  status: string | null;
  ports: string;
}

/** Facts from the one SSH exec, section by section. */
export interface SshFacts {
  disk: SourceResult<DiskFacts>;
  memory: SourceResult<MemoryFacts>;
  load1: SourceResult<number>;
  cores: SourceResult<number>;
  arch: SourceResult<string>;
  /** Unit name → `active` / `inactive` / `failed` / …, for each unit asked. */
  services: SourceResult<Record<string, string>>;
  containers: SourceResult<ContainerFacts[]>;
  /** `fluxbench-cli getinfo` version: the daemon version FluxOS checks. */
  benchVersion: SourceResult<string>;
  /** `syncthing --version`, e.g. `2.0.10`. */
  syncthingVersion: SourceResult<string>;
  /** `docker version --format '{{.Server.Version}}'`, e.g. `26.1.3`. */
  dockerVersion: SourceResult<string>;
  /** The output hit its size cap; the last section may be incomplete. */
  truncated: boolean;
  /** The API facts this exec was asked to carry (absent: none). */
  carried?: CarriedFacts;
}

/** Why the SSH path was not taken. */
export type SshSkipReason = 'no-credentials' | 'arcane' | 'no-target' | 'no-pool';

export type SshProbe =
  | { attempted: false; reason: SshSkipReason }
  /** `result` fails as a whole when the exec never ran (auth, host key, timeout…). */
  | { attempted: true; result: SourceResult<SshFacts> };

/** Everything one poll of one node found. */
export interface ProbeResult {
  nodeId: number;
  name: string;
  host: string;
  tags: string[];
  /** ms since epoch. */
  startedAt: number;
  finishedAt: number;
  api: ApiFacts;
  /** null when not looked up (no txhash known, or the node is not CONFIRMED). */
  rank: SourceResult<RankInfo | null> | null;
  /** Height from the public API; null when no public API is configured. */
  publicHeight: SourceResult<number> | null;
  ssh: SshProbe;
}

/**
 * True when the API could not be reached at all this poll: every source asked now failed because
 * nothing answered (refused, reset, timed out). Values reused from the route cache, or read over
 * SSH, prove nothing about FluxOS now, so they neither count for nor against; a poll that asked
 * nothing is not unreachable.
 */
export function apiUnreachable(api: ApiFacts): boolean {
  let failed = 0;
  for (const r of Object.values(api) as SourceResult<unknown>[]) {
    if (r.ok) {
      if (!r.cached && r.via === undefined) return false;
    } else if (r.error.code === 'UNREACHABLE' || r.error.code === 'TIMEOUT') failed++;
    else return false;
  }
  return failed > 0;
}
