import type { ParseArgsConfig } from 'node:util';

export interface CommandInput {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: readonly string[];
}

/** One `sluice` verb: its help line, its flags, and what it does. Returns the process exit code. */
export interface Command {
  readonly summary: string;
  readonly options?: ParseArgsConfig['options'];
  run(input: CommandInput): Promise<number | undefined>;
}
