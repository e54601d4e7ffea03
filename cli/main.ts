import { formatIssue, InputError, printable } from '../core/index.ts';
import { ArchiveBusyError } from './archive/lock.ts';
import { UsageError } from './args.ts';
import type { Command } from './command.ts';
import { commands } from './commands/index.ts';
import { type Io, processIo } from './io.ts';

/**
 * 6, not 3: a locked archive is not refused by the file system but busy, and a nightly job may
 * well try again later (4 and 5 are remdesk pull's sign-in and network; notify's network is 5 too).
 */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, fileSystem: 3, busy: 6 } as const;

/**
 * The file system refused (a missing folder, no permission, a full disk): the user's to fix, so
 * said in a line, not as a crash with a stack.
 */
const refusedByFileSystem = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';

/** What each refusal means, in words a user acts on. */
const REFUSALS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EISDIR: 'a folder is where a file must be',
  ENOTDIR: 'a file is where a folder must be',
  EEXIST: 'something is already there',
  ENOENT: 'no such file or folder',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'too many symbolic links, or a link where none may be',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files open',
  EBUSY: 'in use',
  EIO: 'an input/output error of the disk',
  EXDEV: 'on another disk',
};

/** One line: which path, what was refused, why. */
export function refusalLine(e: NodeJS.ErrnoException): string {
  const where = [e.path, (e as { dest?: string }).dest].filter((p) => p !== undefined).join(' -> ');
  const why = (e.code && REFUSALS[e.code]) ?? e.message;
  return printable(`${where === '' ? '' : `${where}: `}${why} (${e.code ?? 'error'} on ${e.syscall})`);
}

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
    'Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 the file system refused (a folder, a permission, space),',
    '6 the archive stayed locked by another writer (pull adds 4 and 5: sign-in, network; notify 5: network).',
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
    io.err(`remdesk: unknown command "${printable(name)}"`);
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
      io.err(`remdesk ${name}: ${printable(e.message)}`);
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
    if (e instanceof ArchiveBusyError) {
      io.err(`remdesk ${name}: ${e.message}`);
      io.err(`remdesk ${name}: nothing was written.`);
      return EXIT.busy;
    }
    if (refusedByFileSystem(e)) {
      io.err(`remdesk ${name}: ${refusalLine(e)}`);
      return EXIT.fileSystem;
    }
    throw e;
  }
}
