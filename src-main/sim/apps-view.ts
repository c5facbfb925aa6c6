import { createHash } from 'node:crypto';
import type { SimNode } from './sim-node';

/*
 * What a simulated node says about its apps. Everything follows from `state.installedApps` (plus
 * `state.scheduledApps` at the current height) unless the fleet file gives the FluxOS answer
 * itself: containers are named `flux<component>_<app>` (v4+) or `flux<app>` (v1–v3) as FluxOS's
 * dockerService names them, and the locked resources are the specs' cpu/ram/hdd summed (a tiered
 * spec's figures for the node's tier, as FluxOS's appsResources picks them).
 */

type Spec = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Installed specs at `height`: the fixed ones plus scheduled ones whose window covers it. */
export function installedAppsAt(node: SimNode, height: number): Spec[] {
  const scheduled = (node.state.scheduledApps ?? [])
    .filter((s) => s.fromHeight <= height && (s.untilHeight === undefined || height < s.untilHeight))
    .map((s) => s.spec);
  return [...node.state.installedApps, ...scheduled];
}

interface Component {
  name: string | null;
  repotag: string;
  ports: number[];
  containerPorts: number[];
  cpu: number;
  ram: number;
  hdd: number;
}

const SPEC_TIER: Record<string, string> = { CUMULUS: 'basic', NIMBUS: 'super', STRATUS: 'bamf' };

/** A figure as FluxOS's appsResources picks it: `spec[cpu<tier>] || spec.cpu` when tiered. */
function figure(spec: Spec, field: 'cpu' | 'ram' | 'hdd', tier: string | undefined): number {
  return (spec['tiered'] === true && tier ? num(spec[`${field}${tier}`]) : 0) || num(spec[field]);
}

/** The components of a spec on a node of `nodeTier` (fluxd's CUMULUS/NIMBUS/STRATUS). */
function componentsOf(spec: Spec, nodeTier = ''): Component[] {
  const tier = SPEC_TIER[nodeTier];
  const ports = (value: unknown): number[] => (Array.isArray(value) ? value.filter((p): p is number => typeof p === 'number') : typeof value === 'number' ? [value] : []);
  if (Array.isArray(spec['compose'])) {
    return (spec['compose'] as unknown[]).filter((c): c is Spec => typeof c === 'object' && c !== null).map((c) => ({
      name: typeof c['name'] === 'string' ? c['name'] : null,
      repotag: str(c['repotag']),
      ports: ports(c['ports']),
      containerPorts: ports(c['containerPorts']),
      cpu: figure(c, 'cpu', tier),
      ram: figure(c, 'ram', tier),
      hdd: figure(c, 'hdd', tier),
    }));
  }
  const flat = ports(spec['ports'] ?? spec['port']);
  return [{ name: null, repotag: str(spec['repotag']), ports: flat, containerPorts: ports(spec['containerPorts'] ?? spec['containerPort']), cpu: figure(spec, 'cpu', tier), ram: figure(spec, 'ram', tier), hdd: figure(spec, 'hdd', tier) }];
}

/** `/apps/listrunningapps`: the state's containers, or one running container per component. */
export function runningAppsAt(node: SimNode, height: number, nowSec: number): Spec[] {
  if (node.state.runningApps) return node.state.runningApps;
  const containers: Spec[] = [];
  for (const spec of installedAppsAt(node, height)) {
    const app = str(spec['name']);
    const since = typeof spec['height'] === 'number' ? nowSec - Math.max(0, height - spec['height']) * 30 : nowSec - 432_000;
    for (const c of componentsOf(spec)) {
      const name = c.name ? `/flux${c.name}_${app}` : `/flux${app}`;
      containers.push({
        Id: hex(`container:${node.name}:${name}`),
        Names: [name],
        Image: c.repotag,
        ImageID: `sha256:${hex(`image:${c.repotag}`)}`,
        Command: '',
        Created: since,
        Ports: c.ports.map((p, i) => ({ IP: '0.0.0.0', PrivatePort: c.containerPorts[i] ?? p, PublicPort: p, Type: 'tcp' })),
        Labels: {},
        State: 'running',
        Status: 'Up 5 days',
      });
    }
  }
  return containers;
}

/** `/apps/appsresources`: the state's figures, or the installed components summed. */
export function appsResourcesAt(node: SimNode, height: number): Spec {
  if (node.state.appsResources) return node.state.appsResources;
  let cpu = 0;
  let ram = 0;
  let hdd = 0;
  for (const spec of installedAppsAt(node, height)) {
    for (const c of componentsOf(spec, node.state.fluxnodeStatus.tier)) {
      cpu += c.cpu;
      ram += c.ram;
      hdd += c.hdd;
    }
  }
  return { appsCpusLocked: Math.round(cpu * 100) / 100, appsRamLocked: ram, appsHddLocked: hdd };
}

/** `/flux/geolocation`: `state.geolocation` over a default built from the node's own IP. */
export function geolocationView(node: SimNode): Spec {
  const ip = node.state.fluxnodeStatus.ip.split(':')[0];
  return {
    ip,
    continent: 'Europe',
    continentCode: 'EU',
    country: 'Germany',
    countryCode: 'DE',
    region: 'BY',
    regionName: 'Bavaria',
    city: 'Nuremberg',
    lat: 49.45,
    lon: 11.07,
    org: 'Simulated Hosting',
    static: true,
    dataCenter: true,
    ...node.state.geolocation,
  };
}

/** Public `apps/globalappsspecifications`: each app once, from every node and `network.apps`. */
export function globalSpecs(nodes: readonly SimNode[], height: number, networkApps: readonly { spec: Spec }[]): Spec[] {
  const byName = new Map<string, Spec>();
  for (const node of nodes) for (const spec of installedAppsAt(node, height)) byName.set(String(spec['name']), spec);
  for (const app of networkApps) byName.set(String(app.spec['name']), app.spec);
  return [...byName.values()];
}

/** Public `apps/location/<name>`: one record per node that has it installed, plus `network.apps` locations. */
export function appLocations(nodes: readonly SimNode[], height: number, networkApps: readonly { spec: Spec; locations: string[] }[], name: string): Spec[] {
  const out: Spec[] = [];
  for (const node of nodes) {
    const spec = installedAppsAt(node, height).find((s) => s['name'] === name);
    if (spec) out.push({ name, hash: spec['hash'] ?? null, ip: node.state.fluxnodeStatus.ip, broadcastedAt: new Date(0).toISOString() });
  }
  for (const app of networkApps) {
    if (app.spec['name'] !== name) continue;
    for (const ip of app.locations) out.push({ name, hash: app.spec['hash'] ?? null, ip, broadcastedAt: new Date(0).toISOString() });
  }
  return out;
}
