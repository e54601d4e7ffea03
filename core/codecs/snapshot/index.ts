export { oneOf } from './cells.ts';
export {
  type DecodeOptions,
  decodeSnapshot,
  decodeSnapshotStreaming,
  decodeSnapshotTables,
  filesOfTables,
  readSnapshotTable,
  streamSnapshotTable,
} from './decode.ts';
export { encodeSnapshot } from './encode.ts';
export { FIXES_FILE, fixesFileBytes, fixesTable } from './fixes-table.ts';
export {
  type Manifest,
  type ManifestEntry,
  parseManifest,
  type Sha256,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotFiles,
  sameContent,
  sha256Hex,
  type TableOrigin,
} from './manifest.ts';
export { MANIFEST_FILE, SNAPSHOT_CSV_FILES, SNAPSHOT_TABLES } from './tables.ts';
export { unzipSnapshot, zipSnapshot } from './zip.ts';
