import { relative } from 'node:path';
import { decodeSnapshot, emptyState, type Manifest, type State } from '../../core/index.ts';
import { listSnapshots, type SnapshotRef } from './layout.ts';
import { refuseOutsideLinks } from './links.ts';
import { readSnapshotFiles } from './snapshot-files.ts';

export interface Latest {
  readonly ref: SnapshotRef | null;
  readonly state: State;
  /** The latest snapshot's manifest; null when the archive has no snapshot yet. */
  readonly manifest: Manifest | null;
}

/** Decodes the snapshot at `path` (folder or zip), naming it by its path for messages. */
export async function readSnapshot(path: string): Promise<{ state: State; manifest: Manifest }> {
  const files = await readSnapshotFiles(path);
  return decodeSnapshot(files, relative(process.cwd(), path) || path);
}

/** The archive's newest state; an empty state when the archive has no snapshot yet. */
export async function readLatest(archive: string): Promise<Latest> {
  await refuseOutsideLinks(archive);
  const refs = await listSnapshots(archive);
  const ref = refs[refs.length - 1] ?? null;
  if (!ref) return { ref, state: emptyState(), manifest: null };
  const { state, manifest } = await readSnapshot(ref.dir);
  return { ref, state, manifest };
}
