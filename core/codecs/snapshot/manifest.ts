import { InputError } from '../../errors.ts';
import type { Instant } from '../../model/time.ts';
import { parseJsonText } from '../vendor/json-document.ts';
import { snapshotInstant } from './cells.ts';
import { MANIFEST_FILE, SNAPSHOT_CSV_FILES } from './tables.ts';

export const SNAPSHOT_FORMAT_VERSION = 1;

export interface ManifestEntry {
  readonly rows: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/** Where one table's data came from, and as of when the vendor says it held. */
export interface TableOrigin {
  /** The vendor's endpoint or export, e.g. `GET /api/machines` or `SoftwareVulnerabilitiesExport`. */
  readonly from: string;
  /** The vendor's own time for the data (an export's `generatedTime`); null when it gives none. */
  readonly asOf: Instant | null;
}

export interface Manifest {
  readonly formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  readonly generatedAt: Instant;
  /** Free text: where the state came from (`extension 0.1.0`, `remdesk import …`). */
  readonly source: string;
  /**
   * Where each table came from, by table name (`exposures`, `devices`, …), when the snapshot was
   * fetched from the vendor (`remdesk pull`); absent otherwise.
   */
  readonly origins?: Readonly<Record<string, TableOrigin>>;
  /** One entry per CSV file, by file name. */
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

/** A snapshot in memory: file name → bytes, manifest.json included. */
export type SnapshotFiles = ReadonlyMap<string, Uint8Array>;

/** A SHA-256 of bytes as lowercase hex. */
export type Sha256 = (bytes: Uint8Array) => string | Promise<string>;

/** SHA-256 by WebCrypto, in any JavaScript runtime. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Pretty JSON with files in name order: a diff of two manifests shows which files changed. */
export function manifestText(m: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const name of Object.keys(m.files).sort()) {
    const e = m.files[name] as ManifestEntry;
    files[name] = { rows: e.rows, sha256: e.sha256 };
  }
  const origins = m.origins === undefined ? {} : { origins: m.origins };
  return `${JSON.stringify({ formatVersion: m.formatVersion, generatedAt: m.generatedAt, source: m.source, ...origins, files }, null, 2)}\n`;
}

export function parseManifest(bytes: Uint8Array | string, file: string): Manifest {
  const fail = (path: string, field: string | null, message: string): never => {
    throw new InputError([{ file, line: null, path, field, message }]);
  };
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('$', null, 'not UTF-8 text');
  }
  // As any JSON from outside: malformed or too deeply nested, refused with its line and column.
  const value = parseJsonText(text, file);
  if (typeof value !== 'object' || value === null) return fail('$', null, 'not a JSON object');
  const o = value as Record<string, unknown>;
  if (o.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    fail(
      '$.formatVersion',
      'formatVersion',
      `format version ${String(o.formatVersion)} is not ${SNAPSHOT_FORMAT_VERSION}`,
    );
  }
  let generatedAt: Instant;
  try {
    generatedAt = snapshotInstant(String(o.generatedAt));
  } catch (e) {
    return fail('$.generatedAt', 'generatedAt', e instanceof Error ? e.message : String(e));
  }
  if (typeof o.source !== 'string') fail('$.source', 'source', 'not a string');
  const rawFiles = o.files;
  if (typeof rawFiles !== 'object' || rawFiles === null) return fail('$.files', 'files', 'not an object');
  const files: Record<string, ManifestEntry> = {};
  for (const name of SNAPSHOT_CSV_FILES) {
    const e = (rawFiles as Record<string, unknown>)[name] as Record<string, unknown> | undefined;
    const path = `$.files["${name}"]`;
    if (typeof e !== 'object' || e === null) return fail(path, name, 'missing');
    if (!Number.isSafeInteger(e.rows) || (e.rows as number) < 0)
      fail(`${path}.rows`, 'rows', 'not a row count');
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) {
      fail(`${path}.sha256`, 'sha256', 'not a SHA-256 in hex');
    }
    files[name] = { rows: e.rows as number, sha256: e.sha256 as string };
  }
  for (const name of Object.keys(rawFiles)) {
    if (!SNAPSHOT_CSV_FILES.includes(name))
      fail(`$.files["${name}"]`, name, 'not a file of the snapshot format');
  }
  const origins = o.origins === undefined ? {} : { origins: parseOrigins(o.origins, fail) };
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    generatedAt,
    source: o.source as string,
    ...origins,
    files,
  };
}

function parseOrigins(
  raw: unknown,
  fail: (path: string, field: string | null, message: string) => never,
): Record<string, TableOrigin> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('$.origins', 'origins', 'not an object');
  const out: Record<string, TableOrigin> = {};
  for (const [table, value] of Object.entries(raw)) {
    const path = `$.origins["${table}"]`;
    const v = value as Record<string, unknown> | null;
    if (typeof v !== 'object' || v === null || typeof v.from !== 'string') fail(path, 'from', 'not a string');
    let asOf: Instant | null = null;
    if (v?.asOf !== null) {
      try {
        asOf = snapshotInstant(String(v?.asOf));
      } catch (e) {
        fail(`${path}.asOf`, 'asOf', e instanceof Error ? e.message : String(e));
      }
    }
    out[table] = { from: v?.from as string, asOf };
  }
  return out;
}

/**
 * Whether two snapshots hold the same state: their CSV files' row counts and checksums are equal.
 * `generatedAt` and `source` are ignored, so snapshotting an unchanged state later is recognised
 * (the archive treats "identical to the latest" as a no-op). Reads only the manifests.
 */
export function sameContent(a: SnapshotFiles, b: SnapshotFiles): boolean {
  const files = (s: SnapshotFiles) => {
    const bytes = s.get(MANIFEST_FILE);
    if (!bytes) throw new InputError([{ file: MANIFEST_FILE, line: null, field: null, message: 'missing' }]);
    return parseManifest(bytes, MANIFEST_FILE).files;
  };
  const fa = files(a);
  const fb = files(b);
  return SNAPSHOT_CSV_FILES.every((n) => fa[n]?.sha256 === fb[n]?.sha256 && fa[n]?.rows === fb[n]?.rows);
}
