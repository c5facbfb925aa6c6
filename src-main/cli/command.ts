import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Streams and environment a command runs with; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM); long-running commands await it. */
  untilSignal: () => Promise<void>;
}

/** Thrown for bad usage: the runner prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One `fluxdeck <name...>` command. `run` returns the exit code (0 success, 1 failure). */
export interface CliCommand {
  /** Words after `fluxdeck`, e.g. ['nodes', 'add']. */
  path: string[];
  summary: string;
  /** Full help text shown by `--help` (usage line first). */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run: (args: ParsedArgs, io: CliIO) => Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Parses argv for one command; unknown or malformed options become a UsageError. */
export function parseCommandArgs(command: CliCommand, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads a string option, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a required string option or throws a UsageError naming it. */
export function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Reads an integer option within [min, max]; undefined when absent. */
export function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
