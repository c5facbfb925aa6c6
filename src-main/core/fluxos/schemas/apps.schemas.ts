import { z } from 'zod';
import type { AppPort, InstalledApp, InstalledAppComponent, RunningApp } from '../../../../src-shared/fluxos.types';
import { optInt, optNumber, optText, text } from './lenient';

/*
 * `/apps/listrunningapps`: Docker's /containers/json objects for flux/zel containers
 * (flux-facts §1.3). `/apps/installedapps`: locally stored app specs, flat (v1–v3) or compose (v4+)
 * (flux-facts §1.9).
 */

const MAX_ITEMS = 5000;

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
  const items = z.array(z.unknown()).max(MAX_ITEMS).parse(data);
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

const componentSchema = z.object({
  name: optText,
  repotag: optText,
  cpu: optNumber,
  ram: optNumber,
  hdd: optNumber,
});

const specSchema = z.object({
  name: z.string().min(1).max(256),
  version: optInt,
  owner: optText,
  description: optText,
  instances: optInt,
  hash: optText,
  height: optInt,
  repotag: optText,
  cpu: optNumber,
  ram: optNumber,
  hdd: optNumber,
  compose: z.array(z.unknown()).max(64).nullish().catch(null),
});

function readComponents(spec: z.output<typeof specSchema>): InstalledAppComponent[] {
  if (spec.compose) {
    const components: InstalledAppComponent[] = [];
    for (const item of spec.compose) {
      const c = componentSchema.safeParse(item);
      if (c.success) {
        components.push({ name: c.data.name, repotag: c.data.repotag, cpu: c.data.cpu, ramMb: c.data.ram, hddGb: c.data.hdd });
      }
    }
    return components;
  }
  // v1–v3 specs are flat: the app is its own single component.
  return [{ name: spec.name, repotag: spec.repotag, cpu: spec.cpu, ramMb: spec.ram, hddGb: spec.hdd }];
}

/** `/apps/installedapps`; single unreadable specs are skipped. */
export function normalizeInstalledApps(data: unknown): InstalledApp[] {
  const items = z.array(z.unknown()).max(MAX_ITEMS).parse(data);
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
      components: readComponents(s),
    });
  }
  return apps;
}
