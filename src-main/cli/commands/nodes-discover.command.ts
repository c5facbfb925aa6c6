import { OwnerName } from '../../../src-shared/contract';
import { PublicApiClient } from '../../core/fluxos/fluxos-client';
import { AppError } from '../../core/errors';
import { PUBLIC_API_SETTING } from '../../core/nodes/import/node-importer';
import { walletSource } from '../../core/nodes/import/wallet-source';
import { stringOption, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { resolveDataDir, withServices } from '../context';

const dataDirOf = (args: ParsedArgs) => stringOption(args, 'data-dir');

const discoverCommand: CliCommand = {
  path: ['nodes', 'discover'],
  summary: 'add the nodes of payment addresses (from the public deterministic list) under an owner',
  help: `Usage: fluxdeck nodes discover --owner NAME --address ADDR [--address ADDR ...] [--public-api URL] [--dry-run] [--json]

Asks the public API (the configured one, or --public-api URL) for the deterministic node list and
adds every node paid to one of the addresses as an API-only node owned by NAME (the owner is
created, and the addresses are recorded on it). Names are <owner>-<tier>-<host>-<port>; nodes
already registered at that host and API port are skipped. One transaction, like \`nodes import\`.`,
  options: { owner: { type: 'string' }, address: { type: 'string', multiple: true }, 'public-api': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  async run(args, io) {
    const owner = OwnerName.safeParse(stringOption(args, 'owner') ?? '');
    if (!owner.success) throw new UsageError('--owner NAME is required (letters, digits, space . _ & \' -)');
    const addresses = ((args.values.address as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean);
    if (addresses.length === 0 || addresses.some((a) => !/^[A-Za-z0-9]{20,64}$/.test(a))) throw new UsageError('give at least one --address (a Flux payment address)');
    const result = await withServices(resolveDataDir(dataDirOf(args), io), async (services) => {
      const configured = services.settings.get(PUBLIC_API_SETTING);
      const url = stringOption(args, 'public-api') ?? (typeof configured === 'string' ? configured : null);
      if (!url) throw new AppError('BAD_INPUT', 'No public API configured: pass --public-api URL');
      const client = new PublicApiClient(url);
      try {
        const list = await client.getDeterministicList();
        const source = walletSource(list.nodes, owner.data, addresses);
        return args.values['dry-run']
          ? services.importer.pipeline.previewSource(source)
          : services.importer.pipeline.commitSource(source, { ownerAddresses: { [owner.data]: addresses } });
      } finally {
        client.close();
      }
    });
    if (args.values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(`${args.values['dry-run'] ? 'Would add' : 'Added'} ${result.add.length} node(s) for ${owner.data}; skipped ${result.skip.length}.\n`);
      for (const row of result.add) io.stdout(`  + ${row.name}  ${row.host}:${row.apiPort}\n`);
      for (const row of result.skip) io.stdout(`  - ${row.name}: ${row.reason}\n`);
      for (const note of result.notes) io.stdout(`Note: ${note}\n`);
    }
    return 0;
  },
};

export const nodesDiscoverCommands: CliCommand[] = [discoverCommand];
