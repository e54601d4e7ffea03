import { formatIssue, InputError } from '../core/index.ts';
import { UsageError } from './args.ts';
import type { Command } from './command.ts';
import { commands } from './commands/index.ts';
import { type Io, processIo } from './io.ts';

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, fileSystem: 3 } as const;

/**
 * The file system refused (a missing folder, no permission, a full disk): the user's to fix, so
 * said in a line, not as a crash with a stack.
 */
const refusedByFileSystem = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';

export function overview(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'remdesk: remediation archive command line',
    '',
    'Usage: remdesk <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `remdesk <command> --help` for a command.',
    'Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 the file system refused (a folder, a permission, space).',
  ].join('\n');
}

/**
 * Runs one command line; never throws for bad input, usage or a file system refusal: it reports
 * and returns the exit code.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`remdesk: unknown command "${name}"`);
    io.err(overview(commands));
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`remdesk ${name}: ${e.message}`);
      io.err(`Run \`remdesk ${name} --help\` for usage.`);
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      for (const issue of e.issues) io.err(formatIssue(issue));
      io.err(
        `remdesk ${name}: ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}; nothing was written.`,
      );
      return EXIT.invalidInput;
    }
    if (refusedByFileSystem(e)) {
      io.err(`remdesk ${name}: ${e.message}`);
      return EXIT.fileSystem;
    }
    throw e;
  }
}
