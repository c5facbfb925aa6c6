import sjson from 'secure-json-parse';
import { z } from 'zod';
import { safeText } from './probe-error';
import type { ContainerFacts, DiskFacts, MemoryFacts, ProbeError } from './probe-types';
import { SSH_UNITS, type SectionName } from './ssh-script';

/**
 * One parser and schema per SSH section. Each returns a value or a ProbeError: empty output means
 * the command is not available there (UNAVAILABLE); output that does not match is BAD_RESPONSE.
 */

export type SectionOutcome<T> = { ok: true; value: T } | { ok: false; error: ProbeError };

const bytes = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function unavailable<T>(section: SectionName, what: string): SectionOutcome<T> {
  return { ok: false, error: { code: 'UNAVAILABLE', message: `${what} gave no output`, source: `ssh:${section}` } };
}

function bad<T>(section: SectionName, what: string, text: string): SectionOutcome<T> {
  return {
    ok: false,
    error: { code: 'BAD_RESPONSE', message: `Unexpected ${what} output: ${safeText(text, 80)}`, source: `ssh:${section}` },
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const dfRow = z.object({ total: bytes, used: bytes, available: bytes, mount: z.string().min(1).max(4096) });

/** `df -P -B1 /`: the data row after the header (POSIX output keeps each filesystem on one line). */
export function parseDisk(text: string): SectionOutcome<DiskFacts> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('disk', 'df');
  const data = rows.find((r) => !/^Filesystem\s/i.test(r));
  const m = data ? /^\S.*?\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+(\/.*)$/.exec(data) : null;
  const parsed = m ? dfRow.safeParse({ total: m[1], used: m[2], available: m[3], mount: m[4] }) : undefined;
  if (!parsed?.success) return bad('disk', 'df', text);
  const d = parsed.data;
  return { ok: true, value: { totalBytes: d.total, usedBytes: d.used, availableBytes: d.available, mount: d.mount } };
}

/**
 * `free -b`: columns by header name, so procps 3.3 (`available`) and older layouts (`buffers`,
 * `cached`, no `available`) both read.
 */
export function parseMemory(text: string): SectionOutcome<MemoryFacts> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('memory', 'free');
  const header = rows[0]!.split(/\s+/).map((h) => h.toLowerCase());
  const mem = rows.find((r) => /^Mem:/i.test(r));
  if (!mem || !header.includes('total')) return bad('memory', 'free', text);
  const values = mem.split(/\s+/).slice(1);
  const col = (name: string): number | undefined => {
    const i = header.indexOf(name);
    if (i < 0) return undefined;
    const parsed = bytes.safeParse(values[i]);
    return parsed.success ? parsed.data : undefined;
  };
  const total = col('total');
  if (total === undefined) return bad('memory', 'free', text);
  let available = col('available');
  if (available === undefined) {
    const free = col('free');
    const cache = col('buff/cache') ?? sum(col('buffers'), col('cached'));
    available = free !== undefined && cache !== undefined ? free + cache : undefined;
  }
  if (available === undefined) return bad('memory', 'free', text);
  return { ok: true, value: { totalBytes: total, availableBytes: Math.min(available, total) } };
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined ? a + b : undefined;
}

/** `/proc/loadavg`: the 1-minute load. */
export function parseLoad(text: string): SectionOutcome<number> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('load', '/proc/loadavg');
  const m = /^(\d+(?:\.\d+)?)\s+\d+(?:\.\d+)?\s+\d+(?:\.\d+)?(?:\s|$)/.exec(rows[0]!);
  const value = m ? Number(m[1]) : Number.NaN;
  return Number.isFinite(value) ? { ok: true, value } : bad('load', '/proc/loadavg', text);
}

const coreCount = z.coerce.number().int().min(1).max(65_536);

/** `nproc`. */
export function parseCores(text: string): SectionOutcome<number> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('cores', 'nproc');
  const parsed = coreCount.safeParse(/^\d{1,6}$/.test(rows[0]!) ? rows[0] : 'x');
  return parsed.success ? { ok: true, value: parsed.data } : bad('cores', 'nproc', text);
}

/** `uname -m`. */
export function parseArch(text: string): SectionOutcome<string> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('arch', 'uname -m');
  return /^[A-Za-z0-9_-]{1,32}$/.test(rows[0]!) ? { ok: true, value: rows[0]! } : bad('arch', 'uname -m', text);
}

const unitState = z.string().regex(/^[a-z-]{1,32}$/);

/** `systemctl is-active <units>`: one state per unit, in the order asked. */
export function parseServices(text: string): SectionOutcome<Record<string, string>> {
  const rows = lines(text);
  if (rows.length === 0) return unavailable('services', 'systemctl is-active');
  if (rows.length !== SSH_UNITS.length || !rows.every((r) => unitState.safeParse(r).success)) {
    return bad('services', 'systemctl is-active', text);
  }
  const out: Record<string, string> = {};
  SSH_UNITS.forEach((unit, i) => {
    out[unit] = rows[i]!;
  });
  return { ok: true, value: out };
}

const dotted = /(\d{1,9}\.\d{1,9}\.\d{1,9})/;
const benchInfo = z.object({ version: z.string().max(64).regex(dotted) });

/** `fluxbench-cli getinfo`: `{"version":"6.3.1","rpcport":16224}`; the daemon version. */
export function parseBenchInfo(text: string): SectionOutcome<string> {
  const body = text.trim();
  if (body === '') return unavailable('benchinfo', 'fluxbench-cli getinfo');
  let value: unknown;
  try {
    value = sjson.parse(body, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    return bad('benchinfo', 'fluxbench-cli getinfo', text);
  }
  const parsed = benchInfo.safeParse(value);
  return parsed.success ? { ok: true, value: dotted.exec(parsed.data.version)![1]! } : bad('benchinfo', 'fluxbench-cli getinfo', text);
}

/** `syncthing --version`: `syncthing v2.0.10 "Hafnium Hornet" (go1.24.5 linux-amd64) …`. */
export function parseSyncthingVersion(text: string): SectionOutcome<string> {
  const first = lines(text)[0];
  if (first === undefined) return unavailable('syncthing', 'syncthing --version');
  const m = /^syncthing v?(\d{1,9}\.\d{1,9}\.\d{1,9})/.exec(first);
  return m ? { ok: true, value: m[1]! } : bad('syncthing', 'syncthing --version', text);
}

/** `docker version --format '{{.Server.Version}}'`: the engine version, e.g. `26.1.3`. */
export function parseDockerVersion(text: string): SectionOutcome<string> {
  const first = lines(text)[0];
  if (first === undefined) return unavailable('docker', 'docker version');
  const m = /^v?(\d{1,9}\.\d{1,9}\.\d{1,9})(?:[-+~][0-9A-Za-z.~+-]{0,60})?$/.exec(first);
  return m ? { ok: true, value: m[1]! } : bad('docker', 'docker version', text);
}

const MAX_FIELD = 256;
const field = z.string().transform((s) => safeText(s, MAX_FIELD));
const containerRow = z.object({
  Names: field,
  Image: field.optional(),
  State: field.optional(),
  Status: field.optional(),
  Ports: field.optional(),
});

/**
 * `docker ps --format '{{json .}}' 2>&1`: one JSON object per line. Lines that are not JSON are
 * docker's own error text (daemon down, no permission): then the list is UNAVAILABLE, not empty.
 * A cut-off last line (output cap) is skipped.
 */
export function parseContainers(text: string, truncated = false): SectionOutcome<ContainerFacts[]> {
  const rows = lines(text);
  if (rows.length === 0) return { ok: true, value: [] };
  const jsonRows = rows.filter((r) => r.startsWith('{'));
  if (jsonRows.length === 0) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `docker: ${safeText(rows[0]!, 120)}`, source: 'ssh:containers' } };
  }
  const out: ContainerFacts[] = [];
  let invalid = 0;
  jsonRows.forEach((row, i) => {
    let value: unknown;
    try {
      value = sjson.parse(row, null, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      if (!(truncated && i === jsonRows.length - 1)) invalid++;
      return;
    }
    const parsed = containerRow.safeParse(value);
    if (!parsed.success) {
      invalid++;
      return;
    }
    const c = parsed.data;
    out.push({ name: c.Names, image: c.Image ?? null, state: c.State ?? null, status: c.Status ?? null, ports: c.Ports ?? '' });
  });
  if (out.length === 0 && invalid > 0) return bad('containers', 'docker ps', text);
  return { ok: true, value: out };
}
