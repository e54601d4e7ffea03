import type { Io } from './io.ts';

/** One `remdesk` sub-command. Registered by adding it to the list in commands/index.ts. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Exit code: 0 ok, 1 invalid input, 2 usage error (throw UsageError / InputError to get them). */
  run(args: readonly string[], io: Io): Promise<number>;
}
