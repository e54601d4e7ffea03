import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, type Instant, type SnapshotFiles, sameContent } from '../../core/index.ts';
import { historyFile, listSnapshots, SNAPSHOTS, snapshotName, snapshotsDir, TEMP_PREFIX } from './layout.ts';
import { readSnapshotFiles } from './snapshot-files.ts';

export interface HistoryLine {
  readonly at: Instant;
  readonly snapshot: string;
  readonly figures: unknown;
}

export type WriteOutcome =
  | { readonly written: true; readonly name: string }
  | {
      readonly written: false;
      readonly name: string;
      readonly reason: 'same-as-existing' | 'same-as-latest';
    };

/**
 * Adds one snapshot to the archive, safely:
 * - a snapshot already there at the same time is never replaced: same content is a no-op,
 *   different content is refused (two truths for one moment);
 * - content identical to the latest snapshot is a no-op (re-importing the same export adds nothing);
 * - a snapshot older than the latest is refused (history only moves forward);
 * - files go to a temporary folder inside snapshots/ and are renamed into place, so an interrupted
 *   write leaves no half snapshot; the history line is appended only after the rename.
 */
export async function writeSnapshot(
  archive: string,
  at: Instant,
  files: SnapshotFiles,
  figures: unknown,
): Promise<WriteOutcome> {
  const name = snapshotName(at);
  const existing = await listSnapshots(archive);
  const same = existing.find((s) => s.name === name);
  const label = `${SNAPSHOTS}/${name}`;
  if (same) {
    if (sameContent(await readSnapshotFiles(same.dir), files))
      return { written: false, name, reason: 'same-as-existing' };
    throw new InputError([
      {
        file: join(archive, label),
        line: null,
        field: 'at',
        message: `a snapshot with this time already exists and has different content; choose another --at`,
      },
    ]);
  }
  const latest = existing[existing.length - 1];
  if (latest && latest.at > at) {
    throw new InputError([
      {
        file: join(archive, label),
        line: null,
        field: 'at',
        message: `${at} is older than the latest snapshot (${latest.at}); snapshots are only added after it`,
      },
    ]);
  }
  if (latest && sameContent(await readSnapshotFiles(latest.dir), files)) {
    return { written: false, name: latest.name, reason: 'same-as-latest' };
  }

  await mkdir(snapshotsDir(archive), { recursive: true });
  const temp = join(snapshotsDir(archive), `${TEMP_PREFIX}${name}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  try {
    for (const [file, bytes] of files) await writeFile(join(temp, file), bytes);
    // rename refuses to replace a non-empty folder, so a racing writer cannot be overwritten.
    await rename(temp, join(snapshotsDir(archive), name));
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  const line: HistoryLine = { at, snapshot: name, figures };
  await appendFile(historyFile(archive), `${JSON.stringify(line)}\n`);
  return { written: true, name };
}
