import { AppError } from '../core/errors';
import { parseCommandArgs, UsageError, type CliCommand, type CliIO } from './command';
import { commands } from './commands';

const GLOBAL_HELP = `Usage: fluxdeck [--data-dir DIR] <command> [options]

FluxDeck: fleet health, history, alerts and rewards for Flux (runonflux) FluxNodes.

Global options:
  --data-dir DIR   where the database lives (default: $FLUXDECK_DATA_DIR, else the desktop app's data dir)
  -h, --help       show help for fluxdeck or for a command

Commands:
`;

/** Splits off the global --data-dir so every command accepts it in any position. */
function takeDataDir(argv: string[]): { dataDir?: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--data-dir needs a directory');
      dataDir = value;
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { dataDir, rest };
}

function findCommand(words: string[]): { command: CliCommand; args: string[] } | undefined {
  const matches = commands
    .filter((command) => command.path.every((word, index) => words[index] === word))
    .sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  return command && { command, args: words.slice(command.path.length) };
}

function listing(): string {
  const width = Math.max(...commands.map((command) => command.path.join(' ').length));
  return commands.map((command) => `  ${command.path.join(' ').padEnd(width)}  ${command.summary}`).join('\n');
}

/** Runs one CLI invocation and returns its exit code: 0 success, 1 failure, 2 bad usage. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let command: CliCommand | undefined;
  try {
    const { dataDir, rest } = takeDataDir(argv);
    const found = findCommand(rest);
    if (!found) {
      if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') {
        io.stdout(`${GLOBAL_HELP}${listing()}\n`);
        return rest.length === 0 ? 2 : 0;
      }
      throw new UsageError(`unknown command "${rest.join(' ')}"`);
    }
    command = found.command;
    if (found.args.includes('--help') || found.args.includes('-h')) {
      io.stdout(`${command.help}\n`);
      return 0;
    }
    const args = parseCommandArgs(command, found.args);
    if (dataDir !== undefined) args.values['data-dir'] = dataDir;
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = command ? `fluxdeck ${command.path.join(' ')} --help` : 'fluxdeck --help';
      io.stderr(`fluxdeck: ${error.message} (see \`${hint}\`)\n`);
      return 2;
    }
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    io.stderr(`fluxdeck: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
