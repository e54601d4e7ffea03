import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeSnapshot,
  emptyState,
  exposureFixes,
  FIXES_FILE,
  fixesFileBytes,
  fixesTable,
  InputError,
  type InputIssue,
  type Instant,
  MANIFEST_FILE,
  readHistory,
  readSnapshotTable,
  SNAPSHOTS_FOLDER,
  type State,
} from '../../core/index.ts';
import { loadInputs } from '../inputs/load.ts';
import { fileKindAt, statInput } from '../inputs/named-path.ts';
import type { Io } from '../io.ts';
import { historyNotAFile, readHistoryText } from './history.ts';
import { historyFile, isArchive, readSnapshotsListing, snapshotRefs } from './layout.ts';
import { outsideLinkIssues } from './links.ts';
import { parseSettingsFile, readSettingsFile } from './settings.ts';
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
  // The state before each snapshot, to check its fixes.csv; null when that snapshot did not decode.
  let previous: State | null = emptyState();
  for (const [i, ref] of refs.entries()) {
    io.progress(`checking ${ref.name} (${i + 1}/${refs.length})…`);
    const label = join(archive, SNAPSHOTS_FOLDER, ref.name);
    const files = await readSnapshotFiles(ref.dir);
    let state: State | null = null;
    issues.push(
      ...(await issuesOf(async () => {
        state = (await decodeSnapshot(files, label)).state;
      })),
    );
    const fixes = files.get(FIXES_FILE);
    if (fixes && previous && state)
      issues.push(...(await fixesIssues(fixes, previous, state, ref.at, label)));
    previous = state;
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
  // remdesk.json, when there is one, as the report and the extension read it (R-SLA-1).
  issues.push(
    ...(await issuesOf(async () => {
      const settings = await readSettingsFile(archive);
      if (settings !== null) parseSettingsFile(settings);
    })),
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

/**
 * A snapshot's fixes.csv must say exactly what its picture fixed since the snapshot before it: it
 * is derived, so it is derived again and compared byte for byte (its encoding is canonical). An
 * older snapshot without one is no problem: the report derives what it lacks.
 */
async function fixesIssues(
  bytes: Uint8Array,
  before: State,
  after: State,
  at: Instant,
  label: string,
): Promise<InputIssue[]> {
  const file = join(label, FIXES_FILE);
  const read = await issuesOf(() => readSnapshotTable(fixesTable, bytes, file));
  if (read.length > 0) return read;
  const expected = exposureFixes(before, after, at);
  if (Buffer.from(fixesFileBytes(expected)).equals(bytes)) return [];
  return [
    {
      file,
      line: null,
      field: null,
      message: `does not match the ${expected.length} exposures fixed since the snapshot before; it is derived from the snapshots and can be deleted, to be derived again`,
    },
  ];
}
