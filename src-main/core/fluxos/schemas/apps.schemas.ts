import { z } from 'zod';
import type { AppLocation, AppPort, AppsResources, Geolocation, InstalledApp, InstalledAppComponent, RunningApp, SpecFigures, SpecTier } from '../../../../src-shared/fluxos.types';
import { redactedSample } from '../../safety/sanitize';
import { optBool, optInt, optNumber, optText, text } from './lenient';

/*
 * `/apps/listrunningapps`: Docker's /containers/json objects for flux/zel containers
 * (flux-facts §1.3). `/apps/installedapps`: locally stored app specs, flat (v1–v3) or compose (v4+)
 * (flux-facts §1.9).
 */

const MAX_ITEMS = 5000;

// Every schema is built once, here: a zod schema built inside a normaliser is rebuilt (and its
// parser recompiled) on every answer, which was a good part of a cold poll's CPU.
const itemList = z.array(z.unknown()).max(MAX_ITEMS);

/**
 * App names, descriptions, owners and images are chosen by whoever registered the app: any string
 * is cut to `max` characters with controls and bidi overrides removed, so a 10 KB description
 * arrives as a short line of text instead of disappearing.
 */
const capped = (max: number) => z.unknown().optional().transform((v) => (typeof v === 'string' ? redactedSample(v, max) : null));

function readPortList(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const ports: number[] = [];
  for (const item of list.slice(0, 64) as unknown[]) {
    const n = typeof item === 'string' ? Number(item) : item;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536) ports.push(n);
  }
  return ports;
}

const portSchema = z.object({
  IP: optText,
  PrivatePort: optInt,
  PublicPort: optInt,
  Type: optText,
});

const containerSchema = z.object({
  Id: z.string().min(1).max(128),
  Names: z.array(text).min(1).max(16),
  Image: optText,
  Created: optInt,
  State: optText,
  Status: optText,
  Ports: z.array(z.unknown()).max(1024).nullish().catch(null),
});

/**
 * Splits a FluxOS container name into app and component: `fluxweb_myapp` → app `myapp`, component
 * `web`; `fluxmyapp` / `zelmyapp` → app `myapp`. Anything else has no app name.
 */
export function splitContainerName(name: string): { appName: string | null; componentName: string | null } {
  const bare = name.replace(/^\//, '');
  const prefix = bare.startsWith('flux') ? 'flux' : bare.startsWith('zel') ? 'zel' : null;
  if (!prefix) return { appName: null, componentName: null };
  const rest = bare.slice(prefix.length);
  const underscore = rest.indexOf('_');
  if (underscore > 0 && underscore < rest.length - 1) {
    return { appName: rest.slice(underscore + 1), componentName: rest.slice(0, underscore) };
  }
  return { appName: rest.length > 0 ? rest : null, componentName: null };
}

function readPorts(items: unknown[] | null | undefined): AppPort[] {
  const ports: AppPort[] = [];
  for (const item of items ?? []) {
    const p = portSchema.safeParse(item);
    if (p.success) {
      ports.push({ ip: p.data.IP, privatePort: p.data.PrivatePort, publicPort: p.data.PublicPort, type: p.data.Type });
    }
  }
  return ports;
}

/** `/apps/listrunningapps`; single unreadable containers are skipped. */
export function normalizeRunningApps(data: unknown): RunningApp[] {
  const items = itemList.parse(data);
  const apps: RunningApp[] = [];
  for (const item of items) {
    const parsed = containerSchema.safeParse(item);
    if (!parsed.success) continue;
    const c = parsed.data;
    const containerName = (c.Names[0] ?? '').replace(/^\//, '');
    apps.push({
      id: c.Id,
      containerName,
      ...splitContainerName(containerName),
      image: c.Image,
      created: c.Created,
      state: c.State,
      statusText: c.Status,
      ports: readPorts(c.Ports),
    });
  }
  return apps;
}

/** `tiered` and its nine figures, as FluxOS's appValidator lists them for flat and compose specs. */
const tieredFields = {
  tiered: z.unknown().optional(),
  cpubasic: optNumber,
  rambasic: optNumber,
  hddbasic: optNumber,
  cpusuper: optNumber,
  ramsuper: optNumber,
  hddsuper: optNumber,
  cpubamf: optNumber,
  rambamf: optNumber,
  hddbamf: optNumber,
};

type TieredFields = { tiered?: unknown } & { [K in `${'cpu' | 'ram' | 'hdd'}${SpecTier}`]: number | null };

function readTiers(spec: TieredFields): { tiers: Record<SpecTier, SpecFigures> } | Record<string, never> {
  if (spec.tiered !== true) return {};
  const figures = (tier: SpecTier): SpecFigures => ({ cpu: spec[`cpu${tier}`], ramMb: spec[`ram${tier}`], hddGb: spec[`hdd${tier}`] });
  return { tiers: { basic: figures('basic'), super: figures('super'), bamf: figures('bamf') } };
}

const componentSchema = z.object({
  name: capped(64),
  description: capped(200),
  repotag: capped(200),
  ports: z.unknown().optional(),
  cpu: optNumber,
  ram: optNumber,
  hdd: optNumber,
  ...tieredFields,
});

const specSchema = z.object({
  name: z.string().min(1).transform((v) => redactedSample(v, 64)),
  version: optInt,
  owner: capped(80),
  description: capped(200),
  instances: optInt,
  hash: capped(80),
  height: optInt,
  enterprise: z.unknown().optional(),
  repotag: capped(200),
  port: z.unknown().optional(),
  ports: z.unknown().optional(),
  cpu: optNumber,
  ram: optNumber,
  hdd: optNumber,
  compose: z.array(z.unknown()).max(64).nullish().catch(null),
  ...tieredFields,
});

function readComponents(spec: z.output<typeof specSchema>): InstalledAppComponent[] {
  if (spec.compose) {
    const components: InstalledAppComponent[] = [];
    for (const item of spec.compose) {
      const c = componentSchema.safeParse(item);
      if (c.success) {
        components.push({
          name: c.data.name,
          description: c.data.description,
          repotag: c.data.repotag,
          cpu: c.data.cpu,
          ramMb: c.data.ram,
          hddGb: c.data.hdd,
          ports: readPortList(c.data.ports),
          ...readTiers(c.data),
        });
      }
    }
    return components;
  }
  // v1–v3 specs are flat: the app is its own single component.
  return [{ name: spec.name, repotag: spec.repotag, cpu: spec.cpu, ramMb: spec.ram, hddGb: spec.hdd, ports: readPortList(spec.ports ?? spec.port), ...readTiers(spec) }];
}

/** `/apps/installedapps`; single unreadable specs are skipped. */
export function normalizeInstalledApps(data: unknown): InstalledApp[] {
  return readSpecs(itemList.parse(data));
}

const registryList = z.array(z.unknown()).max(100_000);

/** Public `/apps/globalappsspecifications`: the whole registry (tens of thousands at most). */
export function normalizeGlobalAppsSpecs(data: unknown): InstalledApp[] {
  return readSpecs(registryList.parse(data));
}

function readSpecs(items: readonly unknown[]): InstalledApp[] {
  const apps: InstalledApp[] = [];
  for (const item of items) {
    const parsed = specSchema.safeParse(item);
    if (!parsed.success) continue;
    const s = parsed.data;
    apps.push({
      name: s.name,
      specVersion: s.version,
      owner: s.owner,
      description: s.description,
      instances: s.instances,
      hash: s.hash,
      height: s.height,
      enterprise: (s.version ?? 0) >= 8 && (s.enterprise === true || (typeof s.enterprise === 'string' && s.enterprise.length > 0)),
      components: readComponents(s),
    });
  }
  return apps;
}

/** `/apps/appsresources`: `{appsCpusLocked, appsRamLocked (MB), appsHddLocked (GB)}` (flux-facts §1.3). */
const appsResourcesSchema = z.object({ appsCpusLocked: optNumber, appsRamLocked: optNumber, appsHddLocked: optNumber });

export function normalizeAppsResources(data: unknown): AppsResources {
  const r = appsResourcesSchema.parse(data);
  return { cpu: r.appsCpusLocked, ramMb: r.appsRamLocked, hddGb: r.appsHddLocked };
}

const geolocationSchema = z.object({
  ip: capped(64),
  continent: capped(64),
  continentCode: capped(8),
  country: capped(80),
  countryCode: capped(8),
  region: capped(80),
  regionName: capped(80),
  city: capped(80),
  lat: optNumber,
  lon: optNumber,
  org: capped(120),
  static: optBool,
  dataCenter: optBool,
});

/** `/flux/geolocation` (flux-facts §1.3); every field optional, provider text capped. */
export function normalizeGeolocation(data: unknown): Geolocation {
  return geolocationSchema.parse(data);
}

/** Public `/apps/location/<name>`: location records; unreadable ones are skipped. */
const locationSchema = z.object({ name: capped(64), hash: capped(80), ip: z.string().min(1).max(64), broadcastedAt: capped(40) });

export function normalizeAppLocations(data: unknown): AppLocation[] {
  const items = itemList.parse(data);
  const out: AppLocation[] = [];
  for (const item of items) {
    const r = locationSchema.safeParse(item);
    if (r.success && r.data.name) out.push({ name: r.data.name, hash: r.data.hash, ip: r.data.ip, broadcastedAt: r.data.broadcastedAt });
  }
  return out;
}
