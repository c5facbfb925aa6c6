import { z } from 'zod';
import type { BenchDisk, BenchInfo, BenchStatus, Benchmarks, DaemonBenchmarks } from '../../../../src-shared/fluxos.types';
import { redactedSample } from '../../safety/sanitize';
import { optBool, optNumber, optText, text, toTier } from './lenient';

/*
 * fluxbench has no public source: shapes come from its consumers and fluxapi.yaml examples
 * (flux-facts §1.7). Everything but `status` is optional, and unknown statuses are kept as text.
 */

const diskSchema = z.object({
  disk: text,
  size: optNumber,
  writespeed: optNumber,
});

const benchmarksSchema = z.object({
  status: text,
  ipaddress: optText,
  architecture: optText,
  time: optNumber,
  real_cores: optNumber,
  cores: optNumber,
  ram: optNumber,
  ssd: optNumber,
  hdd: optNumber,
  totalstorage: optNumber,
  ddwrite: optNumber,
  eps: optNumber,
  eps_singlethread: optNumber,
  ping: optNumber,
  download_speed: optNumber,
  upload_speed: optNumber,
  bench_version: optText,
  speed_version: optText,
  thunder: optBool,
  systemsecure: optBool,
  error: optText,
  disksinfo: z.array(z.unknown()).max(256).nullish().catch(null),
});

function readDisks(items: unknown[] | null | undefined): BenchDisk[] {
  const disks: BenchDisk[] = [];
  for (const item of items ?? []) {
    const parsed = diskSchema.safeParse(item);
    if (parsed.success) {
      disks.push({ disk: parsed.data.disk, sizeGb: parsed.data.size, writeSpeedMbs: parsed.data.writespeed });
    }
  }
  return disks;
}

/** `/benchmark/getbenchmarks` (an object). */
export function normalizeBenchmarks(data: unknown): Benchmarks {
  const s = benchmarksSchema.parse(data);
  return {
    status: s.status,
    tier: toTier(s.status),
    ipAddress: s.ipaddress,
    architecture: s.architecture,
    time: s.time === null || s.time <= 0 ? null : Math.trunc(s.time),
    realCores: s.real_cores,
    cores: s.cores,
    ramGb: s.ram,
    ssdGb: s.ssd,
    hddGb: s.hdd,
    totalStorageGb: s.totalstorage,
    ddWriteMbs: s.ddwrite,
    eps: s.eps,
    epsSingleThread: s.eps_singlethread,
    pingMs: s.ping,
    downloadMbps: s.download_speed,
    uploadMbps: s.upload_speed,
    benchVersion: s.bench_version,
    speedVersion: s.speed_version,
    thunder: s.thunder,
    systemSecure: s.systemsecure,
    error: s.error ? s.error : null,
    disks: readDisks(s.disksinfo),
  };
}

/** A dotted version as fluxbench prints it (`6.3.1`); a `-pre`/`+build` tail is allowed. */
export const versionText = z
  .string()
  .trim()
  .regex(/^v?\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.-]{1,40})?$/);

const benchInfoSchema = z.object({ version: versionText, rpcport: optNumber });

/**
 * `/benchmark/getinfo` and `fluxbench-cli getinfo`: `{"version":"6.3.1","rpcport":16224}`. This
 * `version` is what FluxOS checks against minimumFluxBenchAllowedVersion, not getbenchmarks'
 * `bench_version`.
 */
export function normalizeBenchInfo(data: unknown): BenchInfo {
  const s = benchInfoSchema.parse(data);
  return { version: s.version.replace(/^v/, ''), rpcPort: s.rpcport };
}

const benchStatusSchema = z.object({
  status: text,
  benchmarking: text,
  flux: optText,
  zelback: optText,
});

/** `/benchmark/getstatus`; older benches call the `flux` key `zelback`. */
export function normalizeBenchStatus(data: unknown): BenchStatus {
  const s = benchStatusSchema.parse(data);
  return { status: s.status, benchmarking: s.benchmarking, flux: s.flux ?? s.zelback };
}

/**
 * `/daemon/getbenchmarks`: fluxd hands over fluxbench-cli's stdout as a string (or the literal
 * "Benchmark not running"); older FluxOS examples show an object, accepted too.
 * `parseJson` is the caller's safe parser, so the nested JSON gets the same poisoning checks.
 */
export function normalizeDaemonBenchmarks(data: unknown, parseJson: (text: string) => unknown): DaemonBenchmarks {
  if (typeof data === 'string') {
    const trimmed = data.trim();
    if (!trimmed.startsWith('{')) {
      return { running: false, message: redactedSample(trimmed, 200) };
    }
    return { running: true, benchmarks: normalizeBenchmarks(parseJson(trimmed)) };
  }
  return { running: true, benchmarks: normalizeBenchmarks(data) };
}
