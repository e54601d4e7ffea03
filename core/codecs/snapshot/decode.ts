import { InputError } from '../../errors.ts';
import { canonicalState } from '../../model/canonical-order.ts';
import type { ActivityId, TaskId } from '../../model/ids.ts';
import { INTUNE_DEVICE_LIMIT } from '../../model/intune-task.ts';
import { emptyState, type State } from '../../model/state.ts';
import { CellProblem, type CsvInput, readCsvRows } from '../csv/read.ts';
import { type Manifest, parseManifest, type Sha256, type SnapshotFiles, sha256Hex } from './manifest.ts';
import { type InternPool, rowReader, type Table } from './table.ts';
import { MANIFEST_FILE, SNAPSHOT_TABLES as T } from './tables.ts';

const located = (file: string, field: string | null, message: string): InputError =>
  new InputError([{ file, line: null, field, message }]);

/**
 * Stream one snapshot table, one decoded row at a time: every cell parsed, duplicate keys refused.
 * Files written by `encodeSnapshot` are in canonical order, so a duplicate is caught by comparing
 * each row with the previous one, holding nothing. A file out of order (edited by hand) needs the
 * keys seen so far: `keysSoFar` supplies them (the caller keeps the rows anyway); without it such a
 * file is refused. Events are ordered by time, not by key, so their ids are always remembered.
 * Tables of one snapshot read with one `pool` share their repeated values.
 */
export async function streamSnapshotTable<R, C extends string>(
  table: Table<R, C>,
  input: CsvInput,
  file: string,
  onRow: (row: R, line: number) => void,
  keysSoFar?: () => Iterable<string>,
  pool?: InternPool,
): Promise<void> {
  const row = rowReader(table.columns, pool);
  let seen: Set<string> | null = table.orderedByKey ? null : new Set();
  let last: R | undefined;
  let first = true;
  await readCsvRows(input, file, table.columns, (cells, line) => {
    row.cells = cells;
    const value = table.decode(row);
    let duplicate: boolean;
    if (seen !== null) duplicate = seen.has(table.key(value));
    else {
      const after = first ? 1 : table.order(value, last as R);
      if (after > 0) duplicate = false;
      else if (after === 0) duplicate = true;
      else if (keysSoFar) {
        seen = new Set(keysSoFar());
        duplicate = seen.has(table.key(value));
      } else throw new CellProblem(table.keyField, `row out of order: rows are sorted by ${table.keyField}`);
    }
    if (duplicate) {
      throw new CellProblem(table.keyField, `duplicate key: an earlier row has the same ${table.keyField}`);
    }
    seen?.add(table.key(value));
    last = value;
    first = false;
    onRow(value, line);
  });
}

/** Read a whole snapshot table into rows (out-of-order files accepted). */
export async function readSnapshotTable<R, C extends string>(
  table: Table<R, C>,
  input: CsvInput,
  file: string,
  check?: (row: R, line: number) => void,
  pool?: InternPool,
): Promise<R[]> {
  const rows: R[] = [];
  await streamSnapshotTable(
    table,
    input,
    file,
    (value, line) => {
      check?.(value, line);
      rows.push(value);
    },
    () => rows.map(table.key),
    pool,
  );
  return rows;
}

type Open = (name: string) => CsvInput | Promise<CsvInput>;

/**
 * Reads whole tables of one snapshot, checking each row count against its manifest; the tables
 * share one InternPool.
 */
function tableReader(manifest: Manifest, open: Open, at: (name: string) => string) {
  const pool: InternPool = new Map();
  return async <R, C extends string>(
    table: Table<R, C>,
    check?: (row: R, line: number) => void,
  ): Promise<R[]> => {
    const rows = await readSnapshotTable(table, await open(table.file), at(table.file), check, pool);
    const expected = manifest.files[table.file]?.rows;
    if (rows.length !== expected) {
      const count = `${rows.length} row${rows.length === 1 ? '' : 's'}`;
      throw located(at(table.file), null, `has ${count}, manifest.json says ${expected}`);
    }
    return rows;
  };
}

type Read = ReturnType<typeof tableReader>;

/**
 * Reads the named tables, with the checks between them: every task owned by an activity of the
 * file and every activity's task one it owns, every activity-device row of a known activity, and
 * no activity with more devices marked sent to its task than a task carries (R-INT-2). Tasks
 * and activity devices are checked against activities, so naming them needs activities too.
 */
async function readTables<K extends keyof State>(
  read: Read,
  names: readonly K[],
  at: (name: string) => string,
): Promise<Pick<State, K>> {
  const wants = (name: keyof State): boolean => (names as readonly (keyof State)[]).includes(name);
  if ((wants('tasks') || wants('activityDevices')) && !wants('activities')) {
    throw new Error('tasks and activity devices are checked against activities: decode those too');
  }
  const state: { -readonly [N in keyof State]?: State[N] } = {};
  if (wants('recommendations')) state.recommendations = await read(T.recommendations);
  if (wants('devices')) state.devices = await read(T.devices);
  if (wants('exposures')) state.exposures = await read(T.exposures);
  if (wants('activities')) {
    const taskRefs: { activity: ActivityId; task: TaskId; line: number }[] = [];
    const activities = await read(T.activities, (a, line) => {
      if (a.type !== 'AttentionRequired' && a.taskId !== null)
        taskRefs.push({ activity: a.id, task: a.taskId, line });
    });
    state.activities = activities;
    const activityIds = new Set<string>(activities.map((a) => a.id));
    const knownActivity = (id: ActivityId) => {
      if (!activityIds.has(id))
        throw new CellProblem('activityId', `no activity ${id} in ${T.activities.file}`);
    };
    if (wants('tasks')) {
      const tasks = await read(T.tasks, (t) => knownActivity(t.activityId));
      state.tasks = tasks;
      const taskOwner = new Map<string, ActivityId>(tasks.map((t) => [t.id, t.activityId]));
      for (const ref of taskRefs) {
        const owner = taskOwner.get(ref.task);
        if (owner !== ref.activity) {
          const message =
            owner === undefined
              ? `no task ${ref.task} in ${T.tasks.file}`
              : `task ${ref.task} belongs to activity ${owner}`;
          throw new InputError([{ file: at(T.activities.file), line: ref.line, field: 'taskId', message }]);
        }
      }
    }
    if (wants('activityDevices')) {
      // R-INT-2: a task carries at most INTUNE_DEVICE_LIMIT devices, so no more rows are marked sent.
      const sent = new Map<ActivityId, number>();
      state.activityDevices = await read(T.activityDevices, (d) => {
        knownActivity(d.activityId);
        if (!d.sentToTask) return;
        const n = (sent.get(d.activityId) ?? 0) + 1;
        if (n > INTUNE_DEVICE_LIMIT) {
          throw new CellProblem(
            'sentToTask',
            `R-INT-2: a security task (Intune) carries at most ${INTUNE_DEVICE_LIMIT.toLocaleString('en')} devices; this is device ${n.toLocaleString('en')} of activity ${d.activityId} marked sent`,
          );
        }
        sent.set(d.activityId, n);
      });
    }
  }
  if (wants('exceptions')) state.exceptions = await read(T.exceptions);
  if (wants('events')) state.events = await read(T.events);
  const canonical = canonicalState({ ...emptyState(), ...state });
  return Object.fromEntries(names.map((name) => [name, canonical[name]])) as Pick<State, K>;
}

const ALL_TABLES = Object.keys(T) as (keyof State)[];
const labelled = (label?: string) => (name: string) => (label ? `${label}/${name}` : name);

/**
 * Decode a snapshot whose CSV files are opened one at a time (a Node stream, a File, or text), so a
 * million-row exposures file is never held whole. Row counts are checked against the manifest;
 * checksums are not (they need the whole bytes: `decodeSnapshot` checks them).
 */
export async function decodeSnapshotStreaming(
  manifestBytes: Uint8Array | string,
  open: Open,
  label?: string,
): Promise<{ state: State; manifest: Manifest }> {
  const at = labelled(label);
  const manifest = parseManifest(manifestBytes, at(MANIFEST_FILE));
  const state = await readTables(tableReader(manifest, open, at), ALL_TABLES, at);
  return { state, manifest };
}

/**
 * The manifest, once every named file's SHA-256 matches it. The CSV reader decodes each file's
 * UTF-8 a block of rows at a time, so a large snapshot's texts are never held whole.
 */
async function checkedManifest(
  files: SnapshotFiles,
  names: readonly string[],
  at: (name: string) => string,
  sha256: Sha256,
): Promise<Manifest> {
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) throw located(at(MANIFEST_FILE), null, 'missing from the snapshot');
  const manifest = parseManifest(manifestBytes, at(MANIFEST_FILE));
  for (const name of names) {
    const bytes = files.get(name);
    if (!bytes) throw located(at(name), null, 'missing from the snapshot');
    const sum = await sha256(bytes);
    if (sum !== manifest.files[name]?.sha256) {
      throw located(at(name), 'sha256', `checksum ${sum} differs from manifest.json's`);
    }
  }
  return manifest;
}

export interface DecodeOptions {
  /**
   * How checksums are computed; WebCrypto by default. Node's WebCrypto copies the bytes before
   * hashing them in its thread pool, so Node callers pass node:crypto's `createHash`.
   */
  readonly sha256?: Sha256;
}

/** The CSV files that hold the named tables. */
export const filesOfTables = (names: readonly (keyof State)[]): string[] =>
  names.map((n) => T[n].file).sort();

/**
 * Decode some tables of a snapshot held in memory, each file's SHA-256 and row count checked
 * against the manifest, and the checks between the named tables made as `decodeSnapshot` makes
 * them. Only the files of those tables (and the manifest) are needed: a report that shows one
 * part of a large snapshot need not decode the rest.
 */
export async function decodeSnapshotTables<K extends keyof State>(
  files: SnapshotFiles,
  names: readonly K[],
  label?: string,
  options: DecodeOptions = {},
): Promise<{ state: Pick<State, K>; manifest: Manifest }> {
  const at = labelled(label);
  const manifest = await checkedManifest(files, filesOfTables(names), at, options.sha256 ?? sha256Hex);
  const bytes = (name: string) => files.get(name) as Uint8Array;
  const state = await readTables(tableReader(manifest, bytes, at), names, at);
  return { state, manifest };
}

/**
 * Decode a snapshot held in memory, checking every file's SHA-256 and row count against the
 * manifest first. Files not named by the format are ignored.
 */
export const decodeSnapshot = (
  files: SnapshotFiles,
  label?: string,
  options?: DecodeOptions,
): Promise<{ state: State; manifest: Manifest }> => decodeSnapshotTables(files, ALL_TABLES, label, options);
