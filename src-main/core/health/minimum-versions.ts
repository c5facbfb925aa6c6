import { z } from 'zod';
import versionsJson from '../../../resources/health/minimum-versions.json';
import type { ModulesMinimumVersions } from '../fluxos/schemas/flux.schemas';

/**
 * The minimum versions FluxOS holds a node to, with where each one came from. The four ship with
 * FluxOS (`ZelBack/config/default.js`) and are kept in resources/ with the FluxOS version and date
 * they were read from; Syncthing and Docker are also served live by the stats endpoint, which
 * FluxOS itself prefers over its config (systemService monitorSyncthingPackage), so we do too.
 */

export const VERSIONED_MODULES = ['fluxbench', 'fluxos', 'syncthing', 'docker'] as const;
export type VersionedModule = (typeof VERSIONED_MODULES)[number];

/** One minimum and where it came from, in words a problem text can quote. */
export interface Minimum {
  version: string;
  source: string;
}
export type MinimumVersions = Record<VersionedModule, Minimum>;

const version = z.string().regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}$/, 'expected major.minor.patch');

export const minimumVersionsSchema = z
  .object({
    schemaVersion: z.literal(1),
    readFrom: z
      .object({
        source: z.string().min(1).max(500),
        fluxosVersion: version,
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      })
      .strict(),
    minimums: z.object({ fluxbench: version, fluxos: version, syncthing: version, docker: version }).strict(),
    live: z
      .object({
        route: z.string().startsWith('/'),
        host: z.string().min(1).max(200),
        note: z.string().max(2000),
        keys: z.array(z.enum(['syncthing', 'docker'])),
      })
      .strict(),
  })
  .strict();
export type MinimumVersionsFile = z.infer<typeof minimumVersionsSchema>;

/** Validates the bundled file (or `input`); throws naming the bad field. */
export function loadMinimumVersionsFile(input: unknown = versionsJson): MinimumVersionsFile {
  const parsed = minimumVersionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new Error(`invalid minimum versions at "${first?.path.join('.') ?? ''}": ${first?.message ?? 'unknown error'}`);
}

/** The file's minimums, each sourced as "FluxOS 8.17.0 config (read 2026-07-22)". */
export function fileMinimums(file: MinimumVersionsFile = loadMinimumVersionsFile()): MinimumVersions {
  const source = `FluxOS ${file.readFrom.fluxosVersion} config default.js, read ${file.readFrom.date}`;
  const out = {} as MinimumVersions;
  for (const name of VERSIONED_MODULES) out[name] = { version: file.minimums[name], source };
  return out;
}

/** The newest FluxOS version the public API reports, and from where. */
export interface LatestFluxos {
  version: string;
  source: string;
}

/** What the version rules judge against. */
export interface NetworkVersions {
  minimums: MinimumVersions;
  /** null when no public API is configured or it did not answer. */
  latestFluxos: LatestFluxos | null;
}

/** The parts of PublicApiClient this module asks. */
export interface VersionsSource {
  readonly url: string;
  getModulesMinimumVersions(o?: { timeoutMs?: number }): Promise<ModulesMinimumVersions>;
  getFluxVersion(o?: { timeoutMs?: number }): Promise<string>;
}

export interface LiveVersionsOptions {
  /** The stats endpoint (stats.runonflux.io or a stand-in); null = none configured. */
  stats: () => VersionsSource | null;
  /** The public API (api.runonflux.io or a stand-in) for the newest FluxOS version. */
  publicApi: () => VersionsSource | null;
  now?: () => number;
  fallback?: MinimumVersions;
  /** How long a live answer is used before asking again. Default 6 h (FluxOS asks daily). */
  ttlMs?: number;
  /** After a failure, how long to wait before asking again. Default 10 min. */
  retryMs?: number;
  /** Per-request deadline; FluxOS gives the stats call 10 s. */
  timeoutMs?: number;
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')}`;
  } catch {
    return 'the public API';
  }
}

function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

interface Cached<T> {
  value: T | null;
  /** When to ask again. */
  nextAt: number;
  url: string | null;
}

/**
 * Live Syncthing/Docker minimums and the newest FluxOS version, cached. A failed or invalid
 * answer keeps the last good one; with none, the data file's values stand. Never throws.
 */
export class LiveVersions {
  private readonly now: () => number;
  private readonly fallback: MinimumVersions;
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly timeoutMs: number;
  private minimums: Cached<{ live: ModulesMinimumVersions; source: string }> = { value: null, nextAt: 0, url: null };
  private latest: Cached<LatestFluxos> = { value: null, nextAt: 0, url: null };
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: LiveVersionsOptions) {
    this.now = options.now ?? Date.now;
    this.fallback = options.fallback ?? fileMinimums();
    this.ttlMs = options.ttlMs ?? 6 * 3_600_000;
    this.retryMs = options.retryMs ?? 10 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The minimums to judge by now: live Syncthing/Docker when known, the file's otherwise. */
  current(): NetworkVersions {
    const minimums = { ...this.fallback };
    const live = this.minimums.value;
    if (live) {
      if (live.live.syncthing) minimums.syncthing = { version: live.live.syncthing, source: live.source };
      if (live.live.docker) minimums.docker = { version: live.live.docker, source: live.source };
    }
    return { minimums, latestFluxos: this.latest.value };
  }

  /** Asks the sources whose answer is due; concurrent callers share one round. */
  refresh(): Promise<void> {
    this.inFlight ??= this.refreshDue().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async refreshDue(): Promise<void> {
    const at = this.now();
    const stats = this.options.stats();
    const api = this.options.publicApi();
    const jobs: Promise<void>[] = [];
    if (this.due(this.minimums, stats, at)) jobs.push(this.askMinimums(stats, at));
    if (this.due(this.latest, api, at)) jobs.push(this.askLatest(api, at));
    await Promise.all(jobs);
  }

  private due<T>(cache: Cached<T>, source: VersionsSource | null, at: number): boolean {
    const url = source?.url ?? null;
    if (url !== cache.url) {
      // A different (or no) endpoint: what the old one said no longer applies.
      cache.value = null;
      cache.nextAt = 0;
      cache.url = url;
    }
    return source !== null && at >= cache.nextAt;
  }

  private async askMinimums(source: VersionsSource | null, at: number): Promise<void> {
    if (!source) return;
    try {
      const live = await source.getModulesMinimumVersions({ timeoutMs: this.timeoutMs });
      if (live.syncthing === null && live.docker === null) throw new Error('no usable version in the answer');
      this.minimums.value = { live, source: `${hostOf(source.url)}/getmodulesminimumversions, fetched ${stamp(at)}` };
      this.minimums.nextAt = at + this.ttlMs;
    } catch {
      this.minimums.nextAt = at + this.retryMs;
    }
  }

  private async askLatest(source: VersionsSource | null, at: number): Promise<void> {
    if (!source) return;
    try {
      const version = await source.getFluxVersion({ timeoutMs: this.timeoutMs });
      this.latest.value = { version, source: `${hostOf(source.url)}/flux/version, fetched ${stamp(at)}` };
      this.latest.nextAt = at + this.ttlMs;
    } catch {
      this.latest.nextAt = at + this.retryMs;
    }
  }
}

const OFFICIAL_PUBLIC_API = new Set(['api.runonflux.io', 'api.runonflux.com']);
export const OFFICIAL_STATS_URL = 'https://stats.runonflux.io';

/**
 * Where the stats routes live for a public API URL: the official API's sibling stats.runonflux.io,
 * else the same base (a stand-in, such as the simulator's, serves both).
 */
export function statsUrlFor(publicApiUrl: string): string {
  try {
    return OFFICIAL_PUBLIC_API.has(new URL(publicApiUrl).hostname) ? OFFICIAL_STATS_URL : publicApiUrl;
  } catch {
    return publicApiUrl;
  }
}
