import { InputError } from '../../errors.ts';
import { canonicalState } from '../../model/canonical-order.ts';
import type { ActivityId, TaskId } from '../../model/ids.ts';
import type { State } from '../../model/state.ts';
import { CellProblem, type CsvInput, readCsvRows } from '../csv/read.ts';
import { type Manifest, parseManifest, type SnapshotFiles, sha256Hex } from './manifest.ts';
import { rowReader, type Table } from './table.ts';
import { MANIFEST_FILE, SNAPSHOT_CSV_FILES, SNAPSHOT_TABLES as T } from './tables.ts';

const located = (file: string, field: string | null, message: string): InputError =>
  new InputError([{ file, line: null, field, message }]);

/**
 * Stream one snapshot table, one decoded row at a time: every cell parsed, duplicate keys refused.
 * Files written by `encodeSnapshot` are in canonical order, so a duplicate is caught by comparing
 * each row with the previous one, holding nothing. A file out of order (edited by hand) needs the
 * keys seen so far: `keysSoFar` supplies them (the caller keeps the rows anyway); without it such a
 * file is refused. Events are ordered by time, not by key, so their ids are always remembered.
 */
export async function streamSnapshotTable<R, C extends string>(
  table: Table<R, C>,
  input: CsvInput,
  file: string,
  onRow: (row: R, line: number) => void,
  keysSoFar?: () => Iterable<string>,
): Promise<void> {
  const row = rowReader(table.columns);
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
  );
  return rows;
}

/**
 * Decode a snapshot whose CSV files are opened one at a time (a Node stream, a File, or text), so a
 * million-row exposures file is never held whole. Row counts are checked against the manifest;
 * checksums are not (they need the whole bytes: `decodeSnapshot` checks them).
 */
export async function decodeSnapshotStreaming(
  manifestBytes: Uint8Array | string,
  open: (name: string) => CsvInput | Promise<CsvInput>,
  label?: string,
): Promise<{ state: State; manifest: Manifest }> {
  const at = (name: string) => (label ? `${label}/${name}` : name);
  const manifest = parseManifest(manifestBytes, at(MANIFEST_FILE));
  const read = async <R, C extends string>(table: Table<R, C>, check?: (row: R, line: number) => void) => {
    const rows = await readSnapshotTable(table, await open(table.file), at(table.file), check);
    const expected = manifest.files[table.file]?.rows;
    if (rows.length !== expected) {
      throw located(at(table.file), null, `has ${rows.length} rows, manifest.json says ${expected}`);
    }
    return rows;
  };

  const recommendations = await read(T.recommendations);
  const devices = await read(T.devices);
  const exposures = await read(T.exposures);
  const taskRefs: { activity: ActivityId; task: TaskId; line: number }[] = [];
  const activities = await read(T.activities, (a, line) => {
    if (a.type !== 'AttentionRequired' && a.taskId !== null)
      taskRefs.push({ activity: a.id, task: a.taskId, line });
  });
  const activityIds = new Set<string>(activities.map((a) => a.id));
  const knownActivity = (id: ActivityId) => {
    if (!activityIds.has(id))
      throw new CellProblem('activityId', `no activity ${id} in ${T.activities.file}`);
  };
  const tasks = await read(T.tasks, (t) => knownActivity(t.activityId));
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
  const activityDevices = await read(T.activityDevices, (d) => knownActivity(d.activityId));
  const exceptions = await read(T.exceptions);
  const events = await read(T.events);
  const state = canonicalState({
    recommendations,
    devices,
    exposures,
    activities,
    activityDevices,
    tasks,
    exceptions,
    events,
  });
  return { state, manifest };
}

/**
 * Decode a snapshot held in memory, checking every file's SHA-256 and row count against the
 * manifest first. Files not named by the format are ignored.
 */
export async function decodeSnapshot(
  files: SnapshotFiles,
  label?: string,
): Promise<{ state: State; manifest: Manifest }> {
  const at = (name: string) => (label ? `${label}/${name}` : name);
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) throw located(at(MANIFEST_FILE), null, 'missing from the snapshot');
  const manifest = parseManifest(manifestBytes, at(MANIFEST_FILE));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const texts = new Map<string, string>();
  for (const name of SNAPSHOT_CSV_FILES) {
    const bytes = files.get(name);
    if (!bytes) throw located(at(name), null, 'missing from the snapshot');
    const sum = await sha256Hex(bytes);
    if (sum !== manifest.files[name]?.sha256) {
      throw located(at(name), 'sha256', `checksum ${sum} differs from manifest.json's`);
    }
    try {
      texts.set(name, decoder.decode(bytes));
    } catch {
      throw located(at(name), null, 'is not UTF-8 text');
    }
  }
  return decodeSnapshotStreaming(manifestBytes, (name) => texts.get(name) ?? '', label);
}
