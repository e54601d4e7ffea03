import { open, readFile, stat } from 'node:fs/promises';
import {
  accumulateLines,
  accumulateRecords,
  createVulnerabilityAccumulator,
  createVulnerabilityDeltaAccumulator,
  type DeviceLink,
  decodeSnapshot,
  detectVendorKind,
  InputError,
  type Instant,
  type ParsedVendorBatch,
  parseVendorRecords,
  type RowAccumulator,
  readJsonDocument,
  type State,
} from '../../core/index.ts';
import { isZip, readSnapshotFiles } from '../archive/snapshot-files.ts';
import type { Io } from '../io.ts';
import { gunzipFileLines } from './gz-lines.ts';
import { decodeUtf8 } from './text.ts';

/** Where a delta row first named a device as Fixed or Updated: such a device must already be known. */
export interface DeviceMention {
  readonly line: number | null;
  readonly path: string;
}

/** One input file of `remdesk import`, parsed and checked. */
export type LoadedInput =
  | {
      readonly kind: 'vendor';
      readonly file: string;
      readonly batch: ParsedVendorBatch;
      /** Delta exports only: devices said to be Fixed or Updated, by (lower-case) device id. */
      readonly changedDevices: ReadonlyMap<string, DeviceMention>;
    }
  | { readonly kind: 'snapshot'; readonly file: string; readonly state: State };

export interface LoadOptions {
  readonly link?: DeviceLink;
  readonly observedAt?: Instant;
}

const GZIP = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

async function head(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(4);
    await fh.read(buf, 0, 4, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

/**
 * Detects what a file is by its content, not its name: a snapshot folder or zip (the extension's
 * export), a gzip-compressed one-record-per-line export, or a vendor JSON document.
 */
export async function loadInput(path: string, io: Io, opts: LoadOptions = {}): Promise<LoadedInput> {
  const file = path;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new InputError([{ file, line: null, field: null, message: 'no such file or folder' }]);
  }
  if (info.isDirectory()) {
    return {
      kind: 'snapshot',
      file,
      state: (await decodeSnapshot(await readSnapshotFiles(path), file)).state,
    };
  }
  const magic = await head(path);
  if (isZip(magic)) {
    return {
      kind: 'snapshot',
      file,
      state: (await decodeSnapshot(await readSnapshotFiles(path), file)).state,
    };
  }
  if (GZIP(magic)) return loadGzipExport(path, info.size, io, opts);
  const doc = readJsonDocument(decodeUtf8(new Uint8Array(await readFile(path)), file), file);
  const kind = detectVendorKind(doc, file);
  if (kind !== 'exposureDelta') {
    return {
      kind: 'vendor',
      file,
      batch: parseVendorRecords(doc.records, file, kind, opts),
      changedDevices: new Map(),
    };
  }
  const changed = new Map<string, DeviceMention>();
  const batch = accumulateRecords(
    noteChangedDevices(createVulnerabilityDeltaAccumulator(file), changed),
    doc.records,
    opts.observedAt,
  );
  return { kind: 'vendor', file, batch, changedDevices: changed };
}

/** Passes rows on unchanged, noting where each device is first said to be Fixed or Updated. */
function noteChangedDevices(acc: RowAccumulator, into: Map<string, DeviceMention>): RowAccumulator {
  return {
    add(record, line, path = '$') {
      acc.add(record, line, path);
      const r = record as { deviceId?: unknown; status?: unknown };
      if ((r.status === 'Fixed' || r.status === 'Updated') && typeof r.deviceId === 'string') {
        const id = r.deviceId.trim().toLowerCase();
        if (!into.has(id)) into.set(id, { line, path });
      }
    },
    finish: (observedAt) => acc.finish(observedAt),
  };
}

/**
 * The export "via files": one JSON record per line. The first record says which export it is: the
 * delta export's rows carry `status` and `eventTimestamp`.
 */
async function loadGzipExport(path: string, size: number, io: Io, opts: LoadOptions): Promise<LoadedInput> {
  const lines = gunzipFileLines(path, path, (n) =>
    io.progress(`${path}: ${Math.round((100 * n) / Math.max(1, size))}% read`),
  );
  const first: string[] = [];
  let delta = false;
  for await (const line of lines) {
    first.push(line);
    if (line.trim() === '') continue;
    delta = /"eventTimestamp"\s*:/.test(line) && /"status"\s*:/.test(line);
    break;
  }
  async function* all(): AsyncGenerator<string> {
    yield* first;
    yield* lines;
  }
  const changed = new Map<string, DeviceMention>();
  const acc = delta
    ? noteChangedDevices(createVulnerabilityDeltaAccumulator(path), changed)
    : createVulnerabilityAccumulator(path);
  return {
    kind: 'vendor',
    file: path,
    batch: await accumulateLines(acc, all(), path, opts.observedAt),
    changedDevices: changed,
  };
}
