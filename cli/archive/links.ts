import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
  HISTORY_FILE,
  InputError,
  type InputIssue,
  SETTINGS_FILE,
  SNAPSHOTS_FOLDER,
} from '../../core/index.ts';
import { statNamed } from '../inputs/named-path.ts';
import { historyFile, snapshotsDir } from './layout.ts';

/**
 * Symbolic links in an archive. An archive is shared (git, a share), so a link in it is data from
 * someone else: one that leads out of the archive would have `remdesk` read another file of this
 * machine into a snapshot, a report or a team state (and publish it), or write into it. Links
 * that stay inside the archive are followed for reading; nothing is ever written through a link.
 */

const inside = (root: string, path: string) => {
  const r = relative(root, path);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !r.startsWith(sep));
};

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

const names = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** The archive's paths that are read: history.jsonl, remdesk.json, snapshots/, each snapshot and its files. */
async function* readPaths(archive: string): AsyncGenerator<string> {
  yield historyFile(archive);
  yield join(archive, SETTINGS_FILE);
  yield snapshotsDir(archive);
  for (const name of await names(snapshotsDir(archive))) {
    const snapshot = join(snapshotsDir(archive), name);
    yield snapshot;
    for (const file of await names(snapshot)) yield join(snapshot, file);
  }
}

/** Every link in the archive that leads out of it, or nowhere, as a problem naming it. */
export async function outsideLinkIssues(archive: string): Promise<InputIssue[]> {
  let root: string;
  try {
    root = await realpath(archive);
  } catch {
    return [];
  }
  const issues: InputIssue[] = [];
  for await (const path of readPaths(archive)) {
    if (!(await isLink(path))) continue;
    const target = await realpath(path).catch(() => null);
    if (target !== null && inside(root, target)) continue;
    issues.push({
      file: path,
      line: null,
      field: null,
      message:
        target === null
          ? 'a symbolic link to nothing; remdesk does not follow it'
          : `a symbolic link to ${target}, outside the archive; remdesk neither reads nor writes through it`,
    });
  }
  return issues;
}

/**
 * Refuses (exit 1) an archive with a link leading out of it, before anything of it is read; and,
 * as every command reads an archive it was given through here first, an archive path that is a
 * device, fifo or socket (never opened).
 */
export async function refuseOutsideLinks(archive: string): Promise<void> {
  await statNamed(archive);
  const issues = await outsideLinkIssues(archive);
  if (issues.length > 0) throw new InputError(issues);
}

/**
 * Refuses to write an archive whose history.jsonl or snapshots/ is a link, wherever it leads: an
 * append or a new snapshot would land in a file or folder the archive does not own.
 */
export async function refuseLinksForWriting(archive: string): Promise<void> {
  const issues: InputIssue[] = [];
  for (const [path, name] of [
    [historyFile(archive), HISTORY_FILE],
    [snapshotsDir(archive), SNAPSHOTS_FOLDER],
  ] as const) {
    if (await isLink(path))
      issues.push({
        file: path,
        line: null,
        field: null,
        message: `a symbolic link; remdesk writes ${name} only as a real ${name === HISTORY_FILE ? 'file' : 'folder'} of the archive`,
      });
  }
  if (issues.length > 0) throw new InputError(issues);
}
