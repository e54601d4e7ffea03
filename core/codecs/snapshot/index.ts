export {
  decodeSnapshot,
  decodeSnapshotStreaming,
  decodeSnapshotTables,
  filesOfTables,
  readSnapshotTable,
  streamSnapshotTable,
} from './decode.ts';
export { encodeSnapshot } from './encode.ts';
export {
  type Manifest,
  type ManifestEntry,
  parseManifest,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotFiles,
  sameContent,
} from './manifest.ts';
export { MANIFEST_FILE, SNAPSHOT_CSV_FILES, SNAPSHOT_TABLES } from './tables.ts';
export { unzipSnapshot, zipSnapshot } from './zip.ts';
