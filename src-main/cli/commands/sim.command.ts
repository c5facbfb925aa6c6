import { resolve } from 'node:path';
import { followControlLines } from '../../sim/control';
import { startSimFleet } from '../../sim/fleet';
import { FleetSpecError, loadFleetFile } from '../../sim/fleet.schema';
import { writeInventoryFile } from '../../sim/inventory-file';
import { intOption, requiredOption, stringOption, type CliCommand } from '../command';

/** `fluxdeck sim`: runs a fleet of simulated FluxNodes (SSH + FluxOS API) until Ctrl-C. */
export const simCommand: CliCommand = {
  path: ['sim'],
  summary: 'run simulated FluxNodes (SSH and FluxOS API) for tests and demos',
  help: `Usage: fluxdeck sim --fleet FLEET.json --inventory OUT.json [--block-ms MS] [--keys-dir DIR]

Starts every node of the fleet file in this process, each on its own 127.0.x.y address with an
SSH server and a FluxOS API, plus one public API stand-in (like api.runonflux.io). Once all are
listening, writes the inventory (what \`fluxdeck nodes import\` reads) and runs until Ctrl-C.

Options:
  --fleet FILE        fleet file (see resources/sim/demo-fleet.json)
  --inventory FILE    where to write the inventory
  --block-ms MS       milliseconds per block (default 30000; 0 stops the clock)
  --keys-dir DIR      keep the client key and host keys here, so restarts keep host keys
                      (default: a temporary directory removed on exit)
  --public-api-port P port of the public API stand-in (default: a free one)
  --control-stdin     read control lines from standard input, one JSON object each:
                      {"node":"NAME","faults":{"apiHang":true}}, {"node":"NAME","clear":true} or
                      {"node":"NAME","reinstall":{"inBlocks":2,"ip":"203.0.113.9"}}`,
  options: {
    fleet: { type: 'string' },
    inventory: { type: 'string' },
    'block-ms': { type: 'string' },
    'keys-dir': { type: 'string' },
    'public-api-port': { type: 'string' },
    'control-stdin': { type: 'boolean' },
  },
  async run(args, io) {
    const fleetPath = resolve(requiredOption(args, 'fleet'));
    const inventoryPath = resolve(requiredOption(args, 'inventory'));
    const blockMs = intOption(args, 'block-ms', 0, 86_400_000) ?? 30_000;
    const publicApiPort = intOption(args, 'public-api-port', 0, 65_535);
    const keysDir = stringOption(args, 'keys-dir');
    let fleet;
    try {
      fleet = await startSimFleet(await loadFleetFile(fleetPath), {
        blockMs,
        ...(keysDir ? { keysDir: resolve(keysDir) } : {}),
        ...(publicApiPort !== undefined ? { publicApiPort } : {}),
      });
    } catch (error) {
      // Validation errors list every bad field on its own line; the runner would keep only one.
      if (error instanceof FleetSpecError) {
        io.stderr(`fluxdeck sim: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const { inventory, handle } = fleet;
    try {
      if (args.values['control-stdin']) followControlLines(handle, process.stdin, io.stderr);
      await writeInventoryFile(inventoryPath, inventory);
      const tiers = new Map<string, number>();
      for (const node of handle.nodes) {
        const tier = node.state.fluxnodeStatus.tier.toLowerCase();
        tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
      }
      const mix = [...tiers].map(([t, n]) => `${n} ${t}`).join(', ');
      io.stdout(
        `Simulating ${handle.nodes.length} FluxNodes (${mix}) at height ${handle.height}, ` +
          `${blockMs > 0 ? `one block every ${blockMs} ms` : 'clock stopped'}.\n` +
          `Public API: ${inventory.publicApi ?? ''}\nInventory: ${inventoryPath}\nClient key: ${handle.privateKeyPath}\n` +
          'Press Ctrl-C to stop.\n',
      );
      await io.untilSignal();
      return 0;
    } finally {
      await handle.close();
      io.stdout('Simulated fleet stopped.\n');
    }
  },
};
