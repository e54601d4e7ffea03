import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeSnapshot,
  InputError,
  type InputIssue,
  MANIFEST_FILE,
  readHistory,
  SNAPSHOTS_FOLDER,
} from '../../core/index.ts';
import { loadInputs } from '../inputs/load.ts';
import { fileKindAt, statInput } from '../inputs/named-path.ts';
import type { Io } from '../io.ts';
import { historyNotAFile, readHistoryText } from './history.ts';
import { historyFile, isArchive, readSnapshotsListing, snapshotRefs } from './layout.ts';
import { outsideLinkIssues } from './links.ts';
import { readSnapshotFiles } from './snapshot-files.ts';

export type ValidatedKind = 'archive' | 'snapshot' | 'vendor file';

export interface Validation {
  readonly path: string;
  readonly kind: ValidatedKind;
  readonly issues: readonly InputIssue[];
}

const issuesOf = async (f: () => Promise<unknown>): Promise<InputIssue[]> => {
  try {
    await f();
    return [];
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
};

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Checks one path: an archive (every snapshot and history.jsonl), a snapshot, or a vendor file. */
export async function validatePath(path: string, io: Io): Promise<Validation> {
  // What the path is comes first: a fifo or a device is a problem, never opened.
  let info: Stats;
  try {
    info = await statInput(path);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { path, kind: 'vendor file', issues: e.issues };
  }
  const isDir = info.isDirectory();
  if (isDir && (await isArchive(path))) {
    return { path, kind: 'archive', issues: await validateArchive(path, io) };
  }
  if (isDir && !(await exists(join(path, MANIFEST_FILE))) && (await readdir(path)).length === 0) {
    return {
      path,
      kind: 'archive',
      issues: [
        { file: path, line: null, field: null, message: 'empty folder: not an archive or a snapshot' },
      ],
    };
  }
  // One file is checked as data: a page or part alone is valid, though it fixes nothing on import.
  const loaded = await issuesOf(() => loadInputs([path], io, { partial: true }));
  const kind: ValidatedKind = isDir || (await fileKindAt(path)) === 'zip' ? 'snapshot' : 'vendor file';
  return { path, kind, issues: loaded };
}

export async function validateArchive(archive: string, io: Io): Promise<InputIssue[]> {
  // A link out of the archive is reported, and nothing of the archive is read through it.
  const links = await outsideLinkIssues(archive);
  if (links.length > 0) return links;
  const issues: InputIssue[] = [];
  const listing = await readSnapshotsListing(archive);
  const refs = snapshotRefs(archive, listing);
  for (const [i, ref] of refs.entries()) {
    io.progress(`checking ${ref.name} (${i + 1}/${refs.length})…`);
    const label = join(archive, SNAPSHOTS_FOLDER, ref.name);
    issues.push(...(await issuesOf(async () => decodeSnapshot(await readSnapshotFiles(ref.dir), label))));
  }
  for (const stray of listing.stray) {
    issues.push({
      file: join(archive, SNAPSHOTS_FOLDER, stray),
      line: null,
      field: null,
      message: 'not a snapshot name (YYYY-MM-DDTHHMMSSZ)',
    });
  }
  for (const t of listing.unfinished) {
    issues.push({
      file: join(archive, SNAPSHOTS_FOLDER, t),
      line: null,
      field: null,
      message: 'left over from an interrupted write; the next import or sample removes it',
    });
  }
  issues.push(
    ...(await validateHistory(
      archive,
      refs.map((r) => r.name),
    )),
  );
  return issues;
}

async function validateHistory(archive: string, snapshots: readonly string[]): Promise<InputIssue[]> {
  // A folder (or a fifo) in its place is a problem of the archive like any other, and never read.
  const notAFile = await historyNotAFile(archive);
  if (notAFile) return [notAFile];
  const text = await readHistoryText(archive);
  if (text === null)
    return snapshots.length === 0
      ? []
      : [{ file: historyFile(archive), line: null, field: null, message: 'missing' }];
  return readHistory(historyFile(archive), text, snapshots).issues.map((i) => i.issue);
}
