import type { AppsInventory, Placement } from '../../../src-shared/contract/apps.contract';
import { createServices, type Services } from '../../core/services';
import { stringOption, type CliCommand, type CliIO, type ParsedArgs } from '../command';
import { resolveDataDir } from '../context';
import { pollOnce } from './fleet.command';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/** Polls every node once (apps, resources and geolocation come with the poll), then answers. */
async function withFreshPoll<T>(args: ParsedArgs, io: CliIO, answer: (services: Services) => Promise<T> | T): Promise<T> {
  const dataDir = resolveDataDir(stringOption(args, 'data-dir'), io);
  const services = createServices({ dataDir, mode: 'serve', hostKeyPolicy: 'tofu', overrides: { poller: { intervalMs: 24 * 3_600_000 } } });
  try {
    await pollOnce(services, io);
    await services.apps.refreshNetwork();
    return await answer(services);
  } finally {
    await services.close();
  }
}

/** The script shape: `{"apps":[{name, enterprise, nodes, instancesOnMyNodes, instancesNetwork, cpu, ramMb, hddGb}]}`. */
function appsJson(inventory: AppsInventory) {
  return {
    apps: inventory.apps.map((a) => ({
      name: a.name,
      enterprise: a.enterprise,
      nodes: a.nodes.map((n) => n.name),
      instancesOnMyNodes: a.instancesOnMyNodes,
      instancesNetwork: a.instancesNetwork,
      cpu: a.cpu,
      ramMb: a.ramMb,
      hddGb: a.hddGb,
    })),
  };
}

function placementJson(p: Placement) {
  const group = (g: Placement['byCountry'][number]) => ({ key: g.key, nodes: g.nodes, share: g.share });
  return { byCountry: p.byCountry.map(group), byProvider: p.byProvider.map(group), byIp: p.byIp.map(group), warnings: p.warnings };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

const appsCommand: CliCommand = {
  path: ['apps'],
  summary: 'every app on my nodes, with instances and locked resources',
  help: `Usage: fluxdeck apps [--json]

Polls every node once, then lists each app installed on any of your nodes: whether it is an
enterprise (v8) app, on which of your nodes, its instances there and network-wide (from the
public API's app locations), and the CPU cores, RAM (MB) and disk (GB) it locks summed over
your nodes.`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const inventory = await withFreshPoll(args, io, (s) => s.apps.inventory());
    if (args.values.json) io.stdout(`${JSON.stringify(appsJson(inventory), null, 2)}\n`);
    else if (inventory.apps.length === 0) io.stdout('No apps on your nodes.\n');
    else {
      const rows = inventory.apps.map((a) => [
        a.name,
        a.enterprise ? 'yes' : '-',
        String(a.instancesOnMyNodes),
        a.instancesNetwork === null ? '-' : String(a.instancesNetwork),
        String(a.cpu),
        String(a.ramMb),
        String(a.hddGb),
        a.nodes.map((n) => n.name).join(','),
      ]);
      io.stdout(`${table([['APP', 'ENTERPRISE', 'MINE', 'NETWORK', 'CPU', 'RAM_MB', 'HDD_GB', 'NODES'], ...rows])}\n`);
    }
    return 0;
  },
};

const placementCommand: CliCommand = {
  path: ['placement'],
  summary: 'the fleet by country, provider and public IP, with concentration warnings',
  help: `Usage: fluxdeck placement [--json]

Polls every node once, then groups the fleet by country (/flux/geolocation countryCode), provider
(geolocation org) and public IP (the address part of the node's own getfluxnodestatus ip; a UPnP
ip:port counts as its ip). Warns when more than 50% of the fleet shares a country or provider, or
more than 8 nodes share one IP.`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const placement = await withFreshPoll(args, io, (s) => s.apps.placement());
    if (args.values.json) {
      io.stdout(`${JSON.stringify(placementJson(placement), null, 2)}\n`);
      return 0;
    }
    for (const [title, groups] of [['COUNTRY', placement.byCountry], ['PROVIDER', placement.byProvider], ['IP', placement.byIp]] as const) {
      io.stdout(`${table([[title, 'NODES', 'SHARE'], ...groups.map((g) => [g.key, String(g.nodes), pct(g.share)])])}\n\n`);
    }
    io.stdout(placement.warnings.length ? placement.warnings.map((w) => `WARNING ${w.kind} ${w.key}: ${w.nodes} nodes (${pct(w.share)})`).join('\n') + '\n' : 'No placement warnings.\n');
    return 0;
  },
};

export const appsCommands: CliCommand[] = [appsCommand, placementCommand];
