import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { InstalledApp, RunningApp } from '../../../src-shared/fluxos.types';
import { safeText } from '../probe/probe-error';
import type { ContainerFacts, ProbeResult, SourceResult } from '../probe/probe-types';

/**
 * The fact sections of a NodeStatus, read from a probe. A section whose source failed is null,
 * a field the node did not report is null: nothing is invented. Node-supplied text is sanitised
 * and length-capped here, once.
 */

type Sections = Pick<NodeStatus, 'fluxnode' | 'benchmark' | 'daemon' | 'flux' | 'system' | 'services' | 'apps' | 'appsLocked'>;

const text = (value: string | null, max = 120): string | null => (value === null ? null : safeText(value, max));

/** fluxd uses 0 for "not yet" heights (a STARTED node's confirmed_height). */
const height = (value: number | null): number | null => (value !== null && value > 0 ? value : null);

function valueOf<T>(r: SourceResult<T> | null | undefined): T | null {
  return r && r.ok ? r.value : null;
}

function fluxnodeSection(probe: ProbeResult): NodeStatus['fluxnode'] {
  const s = valueOf(probe.api.fluxnodeStatus);
  if (!s) return null;
  const rank = valueOf(probe.rank);
  // fluxd's last_paid_height 0 means never paid (its queue order treats it so, FluxnodeListData
  // operator<): then there is no payment time either, whatever `lastpaid` carries (for height 0
  // fluxd can print the genesis block's time).
  const lastPaidHeight = height(s.lastPaidHeight);
  return {
    status: s.status.toUpperCase(),
    tier: s.tier,
    txhash: text(s.txhash, 64),
    outidx: s.outidx,
    amount: s.amount,
    paymentAddress: text(s.paymentAddress, 64),
    ip: text(s.ip, 64),
    addedHeight: height(s.addedHeight),
    confirmedHeight: height(s.confirmedHeight),
    lastConfirmedHeight: height(s.lastConfirmedHeight),
    lastPaidHeight,
    activeSince: s.activeSince,
    lastPaid: lastPaidHeight !== null && s.lastPaid !== null ? new Date(s.lastPaid * 1000).toISOString() : null,
    rank: s.status === 'CONFIRMED' && rank ? rank.rank : null,
  };
}

function benchmarkSection(probe: ProbeResult): NodeStatus['benchmark'] {
  const b = valueOf(probe.api.benchmarks);
  if (b) {
    return {
      status: safeText(b.status, 40),
      cores: b.cores,
      ramGb: b.ramGb,
      ssdGb: b.ssdGb,
      eps: b.eps,
      ddwrite: b.ddWriteMbs,
      downloadMbps: b.downloadMbps,
      uploadMbps: b.uploadMbps,
      error: b.error ? safeText(b.error, 200) : null,
      version: benchVersion(probe),
    };
  }
  const st = valueOf(probe.api.benchStatus);
  if (!st) return null;
  return {
    status: safeText(st.benchmarking, 40),
    cores: null,
    ramGb: null,
    ssdGb: null,
    eps: null,
    ddwrite: null,
    downloadMbps: null,
    uploadMbps: null,
    error: null,
    version: benchVersion(probe),
  };
}

/** The fluxbench daemon's version (getinfo, API else SSH): the one FluxOS checks, not `bench_version`. */
function benchVersion(probe: ProbeResult): string | null {
  const api = valueOf(probe.api.benchInfo);
  if (api) return text(api.version, 40);
  return probe.ssh.attempted && probe.ssh.result.ok ? text(valueOf(probe.ssh.result.value.benchVersion), 40) : null;
}

function fluxSection(probe: ProbeResult, now: number): NodeStatus['flux'] {
  const { fluxVersion, isArcaneOs, uptime } = probe.api;
  if (!fluxVersion.ok && !isArcaneOs.ok && !uptime.ok) return null;
  // A cached uptime is older than the poll: add the time since it was read.
  const uptimeSeconds = uptime.ok ? uptime.value + (uptime.cached ? Math.max(0, Math.floor((now - uptime.at) / 1000)) : 0) : null;
  return {
    version: fluxVersion.ok ? fluxVersion.value : null,
    arcaneOS: isArcaneOs.ok ? isArcaneOs.value : null,
    uptimeSeconds,
  };
}

function systemSection(probe: ProbeResult): Pick<NodeStatus, 'system' | 'services'> {
  if (!probe.ssh.attempted || !probe.ssh.result.ok) return { system: null, services: null };
  const f = probe.ssh.result.value;
  const disk = valueOf(f.disk);
  const mem = valueOf(f.memory);
  return {
    system: {
      diskTotalBytes: disk?.totalBytes ?? null,
      diskFreeBytes: disk?.availableBytes ?? null,
      memTotalBytes: mem?.totalBytes ?? null,
      memAvailableBytes: mem?.availableBytes ?? null,
      load1: valueOf(f.load1),
      cores: valueOf(f.cores),
      arch: valueOf(f.arch),
    },
    services: valueOf(f.services),
  };
}

function appFromApi(app: RunningApp): NodeStatus['apps'][number] {
  const base = app.appName ?? app.containerName;
  const name = app.componentName && app.appName ? `${app.appName}/${app.componentName}` : base;
  const ports = app.ports
    .filter((p) => p.privatePort !== null)
    .map((p) => `${p.publicPort !== null ? `${p.publicPort}->` : ''}${p.privatePort}${p.type ? `/${p.type}` : ''}`)
    .join(', ');
  return { name: safeText(name, 120), image: text(app.image), state: text(app.state, 40), ports: safeText(ports, 200) };
}

function appFromSsh(c: ContainerFacts): NodeStatus['apps'][number] {
  return { name: safeText(c.name, 120), image: text(c.image), state: text(c.state, 40), ports: safeText(c.ports, 200) };
}

function appsSection(probe: ProbeResult): NodeStatus['apps'] {
  const api = valueOf(probe.api.runningApps);
  if (api) return api.map(appFromApi);
  if (probe.ssh.attempted && probe.ssh.result.ok) {
    const containers = valueOf(probe.ssh.result.value.containers);
    // docker ps lists every container; Flux app containers are the `flux*` / `zel*` ones.
    if (containers) return containers.filter((c) => /^(flux|zel)/.test(c.name)).map(appFromSsh);
  }
  return [];
}

/**
 * App count and locked resources: FluxOS's own `/apps/appsresources` when it answered, else the
 * sum of the installed specs' components (what FluxOS would lock for them).
 */
function appsLockedSection(probe: ProbeResult): NodeStatus['appsLocked'] {
  const installed = valueOf(probe.api.installedApps);
  if (!installed) return null;
  const locked = valueOf(probe.api.appsResources);
  const sum = (pick: (c: InstalledApp['components'][number]) => number | null) =>
    installed.reduce((total, app) => total + app.components.reduce((t, c) => t + (pick(c) ?? 0), 0), 0);
  return {
    count: installed.length,
    cpu: locked ? locked.cpu : sum((c) => c.cpu),
    ramMb: locked ? locked.ramMb : sum((c) => c.ramMb),
    hddGb: locked ? locked.hddGb : sum((c) => c.hddGb),
  };
}

/** Builds the fact sections of a NodeStatus from one probe. */
export function statusSections(probe: ProbeResult, now: number): Sections {
  const daemon = valueOf(probe.api.daemonInfo);
  return {
    fluxnode: fluxnodeSection(probe),
    benchmark: benchmarkSection(probe),
    daemon: daemon ? { blocks: daemon.blocks, version: daemon.versionText, connections: daemon.connections } : null,
    flux: fluxSection(probe, now),
    ...systemSection(probe),
    apps: appsSection(probe),
    appsLocked: appsLockedSection(probe),
  };
}
