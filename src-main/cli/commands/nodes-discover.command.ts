import { DiscoverInput } from '../../../src-shared/contract';
import { formatIssues } from '../../core/contract-server/dispatcher';
import { stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { resolveDataDir, withServices } from '../context';

const dataDirOf = (args: ParsedArgs) => stringOption(args, 'data-dir');

const discoverCommand: CliCommand = {
  path: ['nodes', 'discover'],
  summary: 'add the nodes of payment addresses or a Flux ID (from the public deterministic list) under an owner',
  help: `Usage: fluxdeck nodes discover --owner NAME (--address ADDR [--address ADDR ...] | --flux-id ID) [--public-api URL] [--dry-run] [--json]

Asks the public API (the configured one, or --public-api URL) for the deterministic node list and
adds every node paid to one of the addresses as an API-only node owned by NAME (the owner is
created, and the addresses are recorded on it). A Flux ID is first turned into the payment
addresses of the nodes running under it (stats.runonflux.io's /proposals/votepower/<id>, next to
the official API; the public API itself when it is another host). Names are
<owner>-<tier>-<host>-<port>; nodes already registered at that host and API port are skipped.
One transaction, like \`nodes import\`. --json prints the plan plus "found": [{ip, tier, status, txid, outidx, paymentAddress}].`,
  options: {
    owner: { type: 'string' },
    address: { type: 'string', multiple: true },
    'flux-id': { type: 'string' },
    'public-api': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const parsed = DiscoverInput.safeParse({
      owner: stringOption(args, 'owner') ?? '',
      addresses: ((args.values.address as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean),
      ...(stringOption(args, 'flux-id') ? { fluxId: stringOption(args, 'flux-id') } : {}),
    });
    if (!parsed.success) throw new UsageError(formatIssues(parsed.error));
    const request = parsed.data;
    const publicApi = stringOption(args, 'public-api');
    const result = await withServices(resolveDataDir(dataDirOf(args), io), (services) =>
      args.values['dry-run'] ? services.discovery.preview(request, publicApi) : services.discovery.commit(request, publicApi),
    );
    if (args.values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(`Found ${result.found.length} node(s) in the deterministic list for ${request.owner}.\n`);
      for (const n of result.found) io.stdout(`  ${n.ip}  ${n.tier ?? '?'}  ${n.status}  ${n.txid}:${n.outidx}\n`);
      io.stdout(`${args.values['dry-run'] ? 'Would add' : 'Added'} ${result.add.length}; skipped ${result.skip.length}.\n`);
      for (const row of result.add) io.stdout(`  + ${row.name}  ${row.host}:${row.apiPort}\n`);
      for (const row of result.skip) io.stdout(`  - ${row.name}: ${row.reason}\n`);
      for (const note of result.notes) io.stdout(`Note: ${note}\n`);
    }
    return 0;
  },
};

export const nodesDiscoverCommands: CliCommand[] = [discoverCommand];
