import { type UnzipFileFilter, unzipSync, type Zippable, zipSync } from 'fflate';
import { InputError } from '../../errors.ts';
import { LIMITS } from '../../limits.ts';
import type { SnapshotFiles } from './manifest.ts';
import { SNAPSHOT_CSV_FILES } from './tables.ts';

/**
 * fflate writes the DOS time from the Date's local fields, so a Date built from local fields gives
 * the same bytes in every time zone. 1980-01-01 is the earliest DOS time.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** One zip of the snapshot folder: entries sorted by name, fixed time, so equal files give equal bytes. */
export function zipSnapshot(files: SnapshotFiles): Uint8Array {
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    entries[name] = [files.get(name) as Uint8Array, { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(entries);
}

const MIB = 1024 * 1024;
const inMiB = (bytes: number): string =>
  `${(bytes / MIB).toLocaleString('en', { maximumFractionDigits: 1 })} MiB`;

/**
 * What an entry of the zip declares, checked before it is inflated: a snapshot is a few files, each
 * within LIMITS.maxZipEntryBytes and all within LIMITS.maxZipTotalBytes once inflated, so a zip
 * bomb is refused from its directory alone. fflate inflates an entry into a buffer of the size it
 * declares and drops what would go past it, so an entry that declares less than it holds costs no
 * more memory than it declares (its file is cut short, and fails its checksum in manifest.json).
 */
function entryChecker(label: string): UnzipFileFilter {
  let entries = 0;
  let total = 0;
  const refuse = (field: string | null, message: string): InputError =>
    new InputError([{ file: label, line: null, field, message }]);
  return ({ name, size, originalSize, compression }) => {
    entries++;
    if (entries > LIMITS.maxZipEntries) {
      throw refuse(
        null,
        `more than ${LIMITS.maxZipEntries} entries: a snapshot zip holds its ${SNAPSHOT_CSV_FILES.length + 1} files`,
      );
    }
    if (originalSize > LIMITS.maxZipEntryBytes) {
      throw refuse(
        name,
        `inflates to ${inMiB(originalSize)}, more than the ${inMiB(LIMITS.maxZipEntryBytes)} a file of a snapshot zip may be`,
      );
    }
    total += originalSize;
    if (total > LIMITS.maxZipTotalBytes) {
      throw refuse(
        name,
        `the files inflate to more than the ${inMiB(LIMITS.maxZipTotalBytes)} a snapshot zip may hold altogether`,
      );
    }
    // A stored entry is copied as it is: its two sizes are one.
    if (compression === 0 && size !== originalSize) {
      throw refuse(name, `a stored file of ${size} bytes declares ${originalSize}: the zip is damaged`);
    }
    return true;
  };
}

/**
 * The files of a snapshot zip; anything that is not a flat list of files is refused, and so is a
 * zip whose entries declare more than a snapshot can be (see `entryChecker`).
 */
export function unzipSnapshot(bytes: Uint8Array, label: string): SnapshotFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: entryChecker(label) });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError([
      {
        file: label,
        line: null,
        field: null,
        message: `not a zip: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/') && data.length === 0) continue;
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new InputError([
        { file: label, line: null, field: name, message: 'a snapshot zip holds files at its top level only' },
      ]);
    }
    files.set(name, data);
  }
  return files;
}
