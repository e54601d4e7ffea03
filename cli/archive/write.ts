import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeSnapshot,
  type ExposureFix,
  FIXES_FILE,
  type Figures,
  fixesFileBytes,
  type HistoryLine,
  historyLines,
  historyLineText,
  InputError,
  type Instant,
  SNAPSHOTS_FOLDER,
  type SnapshotFiles,
  sameContent,
  snapshotName,
  summarize,
  TEMP_PREFIX,
} from '../../core/index.ts';
import { withPath } from './fs-path.ts';
import { historyNotAFile, readHistoryText } from './history.ts';
import { historyFile, listSnapshots, readSnapshotsListing, snapshotRefs, snapshotsDir } from './layout.ts';
import { refuseLinksForWriting, refuseOutsideLinks } from './links.ts';
import { readSnapshotFiles } from './snapshot-files.ts';

export type WriteOutcome =
  | { readonly written: true; readonly name: string }
  | {
      readonly written: false;
      readonly name: string;
      readonly reason: 'same-as-existing' | 'same-as-latest';
    };

type FileHandle = Awaited<ReturnType<typeof open>>;

/**
 * Adds one snapshot to the archive. The caller holds the archive's lock (lock.ts): this is the
 * only writer, which is what lets it clear and complete what an interrupted write left.
 * - a snapshot already there at the same time is never replaced: same content is a no-op,
 *   different content is refused (two truths for one moment);
 * - content identical to the latest snapshot is a no-op (re-importing the same export adds nothing);
 * - a snapshot older than the latest is refused (history only moves forward);
 * - nothing is written through a symbolic link.
 *
 * The steps, and what a failure or a crash at each leaves (docs/archive.md):
 * 1. history.jsonl is opened for appending: a folder in its place, no permission, a read-only
 *    disk fail here, before anything changed.
 * 2. A history.jsonl with damage a write does not repair (a line that is no JSON, blank, CRLF, a
 *    duplicate…) is refused, before anything changed. What an interrupted write left is
 *    completed: `.tmp-` folders are removed, a snapshot without its history line (a crash between
 *    4 and 5) gets it, a last line without its newline gets one.
 * 3. The files are written into `snapshots/.tmp-<name>-<pid>/`, with `fixes.csv` (the exposures
 *    fixed since the latest snapshot): a failure removes it, a crash leaves it for step 2 of the
 *    next write (readers never look at it).
 * 4. The folder is renamed into place, in one step.
 * 5. The history line is appended, in one write. If that fails (a full disk), history.jsonl is cut
 *    back to its length before and the snapshot is moved out again: the archive is as it was.
 */
export async function writeSnapshot(
  archive: string,
  at: Instant,
  files: SnapshotFiles,
  derived: { readonly figures: Figures; readonly fixes: readonly ExposureFix[] },
): Promise<WriteOutcome> {
  await refuseOutsideLinks(archive);
  await refuseLinksForWriting(archive);
  await mkdir(archive, { recursive: true });
  const history = await openHistory(archive);
  try {
    await mkdir(snapshotsDir(archive), { recursive: true });
    await completeInterrupted(archive, history.handle);
    const outcome = await checkNew(archive, at, files);
    if (outcome) return outcome;
    const name = snapshotName(at);
    const folder = join(snapshotsDir(archive), name);
    const temp = join(snapshotsDir(archive), `${TEMP_PREFIX}${name}-${process.pid}`);
    await mkdir(temp);
    try {
      for (const [file, bytes] of files) await writeFile(join(temp, file), bytes, { flag: 'wx' });
      await writeFile(join(temp, FIXES_FILE), fixesFileBytes(derived.fixes), { flag: 'wx' });
      testFault('temp-written');
      // rename refuses to replace a non-empty folder, so a snapshot there is never overwritten.
      await rename(temp, folder);
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      throw e;
    }
    const size = (await history.handle.stat()).size;
    try {
      testFault('renamed');
      await appendWhole(history.handle, historyLineText({ at, snapshot: name, figures: derived.figures }));
    } catch (e) {
      // Undone in the reverse order; if this fails too, step 2 of the next write completes it.
      await history.handle.truncate(size).catch(() => undefined);
      await rename(folder, temp)
        .then(() => rm(temp, { recursive: true, force: true }))
        .catch(() => undefined);
      throw withPath(e, historyFile(archive));
    }
    testFault('history-written');
    return { written: true, name };
  } catch (e) {
    // A history.jsonl this write made and left empty goes again: the archive is as it was.
    if (!history.existed && (await history.handle.stat()).size === 0)
      await rm(historyFile(archive), { force: true });
    throw e;
  } finally {
    await history.handle.close();
  }
}

/** Opens history.jsonl for appending, said with its path when the file system refuses. */
async function openHistory(archive: string): Promise<{ handle: FileHandle; existed: boolean }> {
  const notAFile = await historyNotAFile(archive);
  if (notAFile) throw new InputError([notAFile]);
  const file = historyFile(archive);
  const existed = await stat(file).then(
    () => true,
    () => false,
  );
  try {
    return { handle: await open(file, 'a'), existed };
  } catch (e) {
    throw withPath(e, file);
  }
}

/** A snapshot is never replaced: one at this moment exists, and the new state differs from it. */
export const momentTaken = (archive: string, name: string): InputError =>
  new InputError([
    {
      file: join(archive, SNAPSHOTS_FOLDER, name),
      line: null,
      field: 'at',
      message: 'a snapshot with this time already exists and has different content; choose another --at',
    },
  ]);

/** A snapshot that is already there, or one like the latest, is not written again. */
async function checkNew(archive: string, at: Instant, files: SnapshotFiles): Promise<WriteOutcome | null> {
  const name = snapshotName(at);
  const existing = await listSnapshots(archive);
  const same = existing.find((s) => s.name === name);
  if (same) {
    if (sameContent(await readSnapshotFiles(same.dir), files))
      return { written: false, name, reason: 'same-as-existing' };
    throw momentTaken(archive, name);
  }
  const latest = existing[existing.length - 1];
  if (latest && latest.at > at) {
    throw new InputError([
      {
        file: join(archive, SNAPSHOTS_FOLDER, name),
        line: null,
        field: 'at',
        message: `${at} is older than the latest snapshot (${latest.at}); snapshots are only added after it`,
      },
    ]);
  }
  if (latest && sameContent(await readSnapshotFiles(latest.dir), files)) {
    return { written: false, name: latest.name, reason: 'same-as-latest' };
  }
  return null;
}

/**
 * What an interrupted write left, completed, once history.jsonl is known to have no other damage
 * (a problem validate reports refuses the write, exit 1): its `.tmp-` folders go (no other writer holds the
 * lock, so none is in use), a last line without its newline gets one (an editor or a merge may
 * drop it; the next line would be glued to it), and the snapshots after the last one history
 * names get their lines, their figures computed again from them. Snapshots history misses earlier
 * than that were not left by a write: validate reports them.
 */
async function completeInterrupted(archive: string, history: FileHandle): Promise<void> {
  const text = (await readHistoryText(archive)) ?? '';
  const listing = await readSnapshotsListing(archive);
  const refs = snapshotRefs(archive, listing);
  // Checked before anything is touched, so a refused write leaves the archive byte for byte.
  const lines = historyLines(
    historyFile(archive),
    text,
    refs.map((r) => r.name),
  );
  for (const name of listing.unfinished)
    await rm(join(snapshotsDir(archive), name), { recursive: true, force: true });
  if (text !== '' && !text.endsWith('\n')) await appendWhole(history, '\n');
  const named = new Set(lines.map((l) => l.snapshot));
  const lastNamed = refs.findLastIndex((r) => named.has(r.name));
  for (const ref of refs.slice(lastNamed + 1)) {
    const { state } = await decodeSnapshot(await readSnapshotFiles(ref.dir), ref.dir);
    const line: HistoryLine = { at: ref.at, snapshot: ref.name, figures: summarize(state, ref.at) };
    await appendWhole(history, historyLineText(line));
  }
}

/** Appends text, all of it: a short write (the disk filling up) is an error, not a torn line. */
async function appendWhole(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  const { bytesWritten } = await handle.write(bytes);
  if (bytesWritten !== bytes.length)
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
}

/**
 * TEST SUPPORT ONLY. The end-to-end tests stop a real write at each step to show what it leaves:
 * `REMDESK_TEST_FAULT=crash@<step>` kills the process there (as a power cut would), and
 * `fail@<step>` raises the error a full disk would ('renamed': as the history line is appended).
 * No user sets a variable of this name, and any other value does nothing. The steps: 'temp-written'
 * (files written, not yet renamed), 'renamed' (the snapshot in place, no history line yet) and
 * 'history-written' (all written, the lock not yet released).
 */
function testFault(step: 'temp-written' | 'renamed' | 'history-written'): void {
  const fault = process.env.REMDESK_TEST_FAULT;
  if (fault === `crash@${step}`) process.kill(process.pid, 'SIGKILL');
  if (fault === `fail@${step}`)
    throw Object.assign(new Error(`ENOSPC: no space left on device, write (test fault at ${step})`), {
      code: 'ENOSPC',
      syscall: 'write',
    });
}
