import type { NodeAppView, NodeApps } from '../../../src-shared/contract/apps.contract';
import type { AppsResources, Geolocation, InstalledApp, RunningApp } from '../../../src-shared/fluxos.types';
import { appCapacity } from './capacity';
import { figuresOn, specTierOf } from './tier-figures';

/** What one poll told about a node's apps (only the sources that answered). */
export interface AppsSnapshot {
  host: string;
  installed: InstalledApp[] | null;
  running: RunningApp[] | null;
  resources: AppsResources | null;
  geolocation: Geolocation | null;
}

/** An app event for the node's event log. */
export interface AppEvent {
  kind: 'app-installed' | 'app-removed' | 'app-started' | 'app-stopped' | 'app-image-changed';
  severity: 'info' | 'warning';
  message: string;
}

/** The container FluxOS runs for a component: `flux<component>_<app>`, or `flux<app>` for flat specs. */
function containerOf(running: readonly RunningApp[], app: string, component: string | null, flat: boolean): RunningApp | undefined {
  return running.find((c) => c.appName === app && (flat ? c.componentName === null || c.componentName === component : c.componentName === component));
}

/** The node page's view: apps with components, their containers and port checks, and the bars. */
export function nodeAppsView(
  nodeId: number,
  snapshot: AppsSnapshot | undefined,
  tier: string | null,
  answers: (host: string, port: number) => boolean | null,
): NodeApps {
  const capacity = appCapacity(tier);
  if (!snapshot?.installed) return { nodeId, known: false, apps: [], locked: snapshot?.resources ?? null, capacity };
  const running = snapshot.running ?? [];
  const specTier = specTierOf(tier);
  const apps: NodeAppView[] = snapshot.installed.map((app) => {
    const flat = app.components.length === 1 && app.components[0]!.name === app.name;
    return {
      name: app.name,
      description: app.description,
      owner: app.owner,
      specVersion: app.specVersion,
      enterprise: app.enterprise ?? false,
      instances: app.instances,
      components: app.components.map((c) => {
        const container = containerOf(running, app.name, c.name, flat);
        const figures = figuresOn(c, specTier);
        return {
          name: c.name,
          description: c.description ?? null,
          image: c.repotag,
          cpu: figures.cpu,
          ramMb: figures.ramMb,
          hddGb: figures.hddGb,
          tier: figures.tier,
          ports: (c.ports ?? []).map((port) => ({ port, answers: answers(snapshot.host, port) })),
          state: container?.state ?? null,
          since: container?.created ?? null,
          statusText: container?.statusText ?? null,
          restartCount: null,
        };
      }),
    };
  });
  const sum = (pick: (c: NodeAppView['components'][number]) => number | null) =>
    apps.reduce((t, a) => t + a.components.reduce((u, c) => u + (pick(c) ?? 0), 0), 0);
  // Without /apps/appsresources: the components' own figures, which leave out FluxOS's per-component
  // filesystem and swap allowance.
  const locked = snapshot.resources ?? { cpu: sum((c) => c.cpu), ramMb: sum((c) => c.ramMb), hddGb: sum((c) => c.hddGb) };
  return { nodeId, known: true, apps, locked, capacity };
}

const isUp = (c: RunningApp | undefined) => c?.state === 'running';

/**
 * What changed between two snapshots: apps installed or removed, images changed, containers
 * started or stopped. A source that did not answer in either snapshot says nothing, so an
 * outage never reads as "every app removed".
 */
export function appEvents(previous: AppsSnapshot | undefined, next: AppsSnapshot): AppEvent[] {
  if (!previous?.installed || !next.installed) return [];
  const events: AppEvent[] = [];
  const before = new Map(previous.installed.map((a) => [a.name, a]));
  const after = new Map(next.installed.map((a) => [a.name, a]));
  for (const [name, app] of after) {
    const old = before.get(name);
    if (!old) {
      events.push({ kind: 'app-installed', severity: 'info', message: `App installed: ${name} (${app.components.map((c) => c.repotag ?? '?').join(', ')})` });
      continue;
    }
    app.components.forEach((c, i) => {
      const was = old.components.find((o) => o.name === c.name) ?? old.components[i];
      if (was && was.repotag !== c.repotag) {
        events.push({ kind: 'app-image-changed', severity: 'info', message: `App ${name}${c.name && c.name !== name ? `/${c.name}` : ''} image changed: ${was.repotag ?? '?'} → ${c.repotag ?? '?'}` });
      }
    });
  }
  for (const name of before.keys()) {
    if (!after.has(name)) events.push({ kind: 'app-removed', severity: 'info', message: `App removed: ${name}` });
  }
  if (previous.running && next.running) {
    const was = new Map(previous.running.map((c) => [c.containerName, c]));
    for (const c of next.running) {
      if (!c.appName || !after.has(c.appName) || !before.has(c.appName)) continue;
      const old = was.get(c.containerName);
      if (isUp(c) && !isUp(old)) events.push({ kind: 'app-started', severity: 'info', message: `App container started: ${c.containerName}` });
      if (!isUp(c) && isUp(old)) events.push({ kind: 'app-stopped', severity: 'warning', message: `App container stopped: ${c.containerName} (${c.statusText ?? c.state ?? 'gone'})` });
    }
    const now = new Set(next.running.map((c) => c.containerName));
    for (const old of previous.running) {
      if (isUp(old) && !now.has(old.containerName) && old.appName && after.has(old.appName)) {
        events.push({ kind: 'app-stopped', severity: 'warning', message: `App container stopped: ${old.containerName} (no longer listed)` });
      }
    }
  }
  return events;
}
