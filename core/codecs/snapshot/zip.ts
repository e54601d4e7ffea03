import { unzipSync, type Zippable, zipSync } from 'fflate';
import { InputError } from '../../errors.ts';
import type { SnapshotFiles } from './manifest.ts';

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

/** The files of a snapshot zip; anything that is not a flat list of files is refused. */
export function unzipSnapshot(bytes: Uint8Array, label: string): SnapshotFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
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
