import type { CliCommand } from '../command';
import { appsCommands } from './apps.command';
import { fleetCommands } from './fleet.command';
import { migrationCommands } from './migration.command';
import { nodesCommands } from './nodes.command';
import { planCommand } from './plan.command';
import { rewardsCommands } from './rewards.command';
import { serveCommand } from './serve.command';
import { simCommand } from './sim.command';

/** Every `fluxdeck` command, in the order `fluxdeck --help` lists them. */
export const commands: CliCommand[] = [...nodesCommands, ...fleetCommands, serveCommand, simCommand, ...rewardsCommands, planCommand, ...migrationCommands, ...appsCommands];
