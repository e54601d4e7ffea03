/**
 * Reads an archive (docs/archive.md) at build time: the latest snapshot as a core State, what core
 * compares of the one before it, and history.jsonl for the trends. Read once per build by the
 * thread that renders the pages needing it (site/renderer/thread.ts), which may be handed the
 * device tables of the latest snapshot by another thread that decodes them anyway.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  archiveIdOf,
  COMPARED_TABLES,
  decodeSnapshotTables,
  filesOfTables,
  HISTORY_FILE,
  type HistoryLine,
  historyLines,
  InputError,
  type Instant,
  MANIFEST_FILE,
  SNAPSHOT_TABLES,
  SNAPSHOTS_FOLDER,
  type State,
  sortSnapshotsListing,
  type TeamStateRef,
} from '../../core/index.ts';
import { sha256 } from './sha256.ts';

export interface LoadedSnapshot {
  /** The folder name under snapshots/ (its UTC timestamp). */
  readonly label: string;
  readonly at: Instant;
  readonly state: State;
  /** Its folder in the archive. */
  readonly folder: string;
  /**
   * The snapshot's own files (CSV + manifest.json), offered for download beside the pages: copied
   * from the folder, not kept in memory (a large snapshot is 80 MB).
   */
  readonly files: readonly string[];
}

/** Some tables of a snapshot alone, checked as the whole snapshot would be. */
export interface PartialSnapshot<K extends keyof State> {
  readonly label: string;
  readonly at: Instant;
  readonly state: Pick<State, K>;
}

/** The tables of the latest snapshot a thread rendering device lists decodes and can hand over. */
export const HANDED_TABLES = ['devices', 'activityDevices'] as const;
export type HandedTables = PartialSnapshot<(typeof HANDED_TABLES)[number]>;

/** An archived snapshot: its folder name under snapshots/ and the moment that name gives. */
export interface SnapshotRef {
  readonly label: string;
  readonly at: Instant;
}

export interface Archive {
  readonly dir: string;
  /** Every snapshot, oldest first: the metrics read each one's fixes and activities. */
  readonly snapshots: readonly SnapshotRef[];
  readonly latest: LoadedSnapshot;
  /** The snapshot before: only compared with the latest ("what changed"), so only read that far. */
  readonly previous: PartialSnapshot<(typeof COMPARED_TABLES)[number]> | null;
  readonly history: readonly HistoryLine[];
  /** The latest snapshot as a team state (R-MERGE-1): the report publishes it for the extension. */
  readonly team: TeamStateRef;
}

/** The files of a snapshot folder, by name. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

/** The named files among those `present` in a snapshot folder (a missing one is core's to report). */
async function readNamed(
  folder: string,
  present: readonly string[],
  names: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of present) {
    if (names.includes(name)) files.set(name, await readFile(join(folder, name)));
  }
  return files;
}

/**
 * The latest snapshot, decoded whole (checksums checked by core). With `handed`, the device tables
 * come from the thread that decoded them (and checked their files); the rest is decoded here.
 */
async function readLatest(
  folder: string,
  label: string,
  handed?: Promise<HandedTables>,
): Promise<LoadedSnapshot> {
  const tables = (Object.keys(SNAPSHOT_TABLES) as (keyof State)[]).filter(
    (name) => !handed || !(HANDED_TABLES as readonly string[]).includes(name),
  );
  const present = await filesIn(folder);
  const files = await readNamed(folder, present, [MANIFEST_FILE, ...filesOfTables(tables)]);
  const { state, manifest } = await decodeSnapshotTables(files, tables, folder, { sha256 });
  const other = handed ? await handed : null;
  if (other && other.label !== label) {
    const message = `the archive's latest snapshot changed during the build (${label}, then ${other.label}): build again`;
    throw new InputError([{ file: folder, line: null, field: null, message }]);
  }
  const whole = { ...state, ...other?.state };
  return { label, at: manifest.generatedAt, state: whole, folder, files: present };
}

/** Some tables of one snapshot folder: only their files are read and decoded. */
export async function readTables<K extends keyof State>(
  folder: string,
  label: string,
  names: readonly K[],
): Promise<PartialSnapshot<K>> {
  const files = await readNamed(folder, await filesIn(folder), [MANIFEST_FILE, ...filesOfTables(names)]);
  const { state, manifest } = await decodeSnapshotTables(files, names, folder, { sha256 });
  return { label, at: manifest.generatedAt, state };
}

/**
 * The archive's snapshot folders, oldest first, as core sorts out the entries of snapshots/ for
 * the command line too: a stray folder (`old/`) is no snapshot, never the latest.
 */
async function snapshotLabels(
  dir: string,
): Promise<{ snapshotsDir: string; labels: string[]; snapshots: SnapshotRef[] }> {
  const snapshotsDir = join(dir, SNAPSHOTS_FOLDER);
  let snapshots: SnapshotRef[];
  try {
    snapshots = sortSnapshotsListing(await readdir(snapshotsDir)).snapshots.map((s) => ({
      label: s.name,
      at: s.at,
    }));
  } catch {
    throw new InputError([
      { file: snapshotsDir, line: null, field: null, message: 'no snapshots folder: is this an archive?' },
    ]);
  }
  if (snapshots.length === 0) {
    throw new InputError([
      { file: snapshotsDir, line: null, field: null, message: 'the archive has no snapshot' },
    ]);
  }
  return { snapshotsDir, labels: snapshots.map((s) => s.label), snapshots };
}

/** The archive's snapshots, oldest first. */
export const snapshotRefs = async (dir: string): Promise<SnapshotRef[]> =>
  (await snapshotLabels(dir)).snapshots;

/** history.jsonl's lines, checked as a write checks them; none when there is no file yet. */
async function readHistoryLines(dir: string, labels: readonly string[]): Promise<readonly HistoryLine[]> {
  const file = join(dir, HISTORY_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  return historyLines(file, text, labels);
}

/** The archive in `dir`; `handed`: the latest snapshot's device tables, decoded by another thread. */
export async function readArchive(dir: string, handed?: Promise<HandedTables>): Promise<Archive> {
  const { snapshotsDir, labels, snapshots } = await snapshotLabels(dir);
  const [prevLabel, lastLabel] = labels.length >= 2 ? labels.slice(-2) : [undefined, labels[0]];
  const history = await readHistoryLines(dir, labels);
  // The snapshot before first: the device tables handed over are ready by the time the latest's
  // other tables are decoded.
  const previous =
    prevLabel === undefined
      ? null
      : await readTables(join(snapshotsDir, prevLabel), prevLabel, COMPARED_TABLES);
  const latest = await readLatest(join(snapshotsDir, lastLabel as string), lastLabel as string, handed);
  const first = labels[0] as string;
  const team = {
    archive: await archiveIdOf(
      first,
      new Uint8Array(await readFile(join(snapshotsDir, first, MANIFEST_FILE))),
    ),
    snapshot: latest.label,
  };
  return { dir, snapshots, latest, previous, history, team };
}

/**
 * Reads only some tables of the archive's latest snapshot: the thread that renders the device
 * pages needs a third of a large snapshot, and starts rendering while another decodes the rest
 * (and is handed two of these tables).
 */
export async function readLatestTables<K extends keyof State>(
  dir: string,
  names: readonly K[],
): Promise<PartialSnapshot<K>> {
  const { snapshotsDir, labels } = await snapshotLabels(dir);
  const label = labels.at(-1) as string;
  return readTables(join(snapshotsDir, label), label, names);
}
