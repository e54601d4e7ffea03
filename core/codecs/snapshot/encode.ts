import { canonicalState } from '../../model/canonical-order.ts';
import type { State } from '../../model/state.ts';
import { csvDocument } from '../csv/write.ts';
import {
  type Manifest,
  type ManifestEntry,
  manifestText,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotFiles,
  sha256Hex,
} from './manifest.ts';
import { encodeRow, type Table } from './table.ts';
import { MANIFEST_FILE, SNAPSHOT_TABLES as T } from './tables.ts';

const utf8 = new TextEncoder();

const encodeTable = <R, C extends string>(table: Table<R, C>, rows: readonly R[]) => ({
  name: table.file,
  rows: rows.length,
  bytes: utf8.encode(
    csvDocument(
      table.columns,
      rows.map((r) => encodeRow(table, r)),
    ),
  ),
});

/**
 * The complete state as snapshot files: one CSV per table plus manifest.json. The same state gives
 * byte-identical CSV files whatever order its arrays are in; only manifest.json carries the time.
 */
export async function encodeSnapshot(
  state: State,
  meta: Pick<Manifest, 'generatedAt' | 'source' | 'origins'>,
): Promise<SnapshotFiles> {
  const s = canonicalState(state);
  const tables = [
    encodeTable(T.recommendations, s.recommendations),
    encodeTable(T.devices, s.devices),
    encodeTable(T.exposures, s.exposures),
    encodeTable(T.activities, s.activities),
    encodeTable(T.activityDevices, s.activityDevices),
    encodeTable(T.tasks, s.tasks),
    encodeTable(T.exceptions, s.exceptions),
    encodeTable(T.events, s.events),
  ];
  const files = new Map<string, Uint8Array>();
  const entries: Record<string, ManifestEntry> = {};
  for (const t of tables) {
    files.set(t.name, t.bytes);
    entries[t.name] = { rows: t.rows, sha256: await sha256Hex(t.bytes) };
  }
  const manifest: Manifest = {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    generatedAt: meta.generatedAt,
    source: meta.source,
    ...(meta.origins === undefined ? {} : { origins: meta.origins }),
    files: entries,
  };
  files.set(MANIFEST_FILE, utf8.encode(manifestText(manifest)));
  return files;
}
