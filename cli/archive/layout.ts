import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  HISTORY_FILE,
  SNAPSHOTS_FOLDER,
  type SnapshotFolder,
  type SnapshotsListing,
  sortSnapshotsListing,
} from '../../core/index.ts';

/**
 * Where an archive's parts are on disk. What they are (which names are snapshots, their order,
 * history's lines) is core's (core/archive/), read the same way by the report site.
 */
export interface SnapshotRef extends SnapshotFolder {
  readonly dir: string;
}

export const snapshotsDir = (archive: string): string => join(archive, SNAPSHOTS_FOLDER);
export const historyFile = (archive: string): string => join(archive, HISTORY_FILE);

/** Whether a folder is an archive: it has snapshots/ or history.jsonl (validate's test too). */
export async function isArchive(dir: string): Promise<boolean> {
  for (const p of [snapshotsDir(dir), historyFile(dir)]) if (await exists(p)) return true;
  return false;
}

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

/** The entries of snapshots/ sorted out; an archive that does not exist yet has none. */
export async function readSnapshotsListing(archive: string): Promise<SnapshotsListing> {
  try {
    return sortSnapshotsListing(await readdir(snapshotsDir(archive)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return sortSnapshotsListing([]);
    throw e;
  }
}

/** The folder of each snapshot in a listing, oldest first. */
export const snapshotRefs = (archive: string, listing: SnapshotsListing): SnapshotRef[] =>
  listing.snapshots.map((s) => ({ ...s, dir: join(snapshotsDir(archive), s.name) }));

/** The archive's snapshots, oldest first; an archive that does not exist yet has none. */
export const listSnapshots = async (archive: string): Promise<SnapshotRef[]> =>
  snapshotRefs(archive, await readSnapshotsListing(archive));
