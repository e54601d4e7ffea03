import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fileKindOf,
  InputError,
  type SnapshotFiles,
  snapshotFileTooLarge,
  unzipSnapshot,
  wholeFileTooLarge,
} from '../../core/index.ts';
import { statInput } from '../inputs/named-path.ts';

/** A snapshot as found on disk: a folder of files, or a zip of them (what the extension exports). */
export async function readSnapshotFiles(path: string): Promise<SnapshotFiles> {
  const info = await statInput(path);
  if (info.isDirectory()) {
    const files = new Map<string, Uint8Array>();
    for (const name of (await readdir(path)).sort()) {
      const full = join(path, name);
      const file = await stat(full);
      if (!file.isFile()) continue;
      // The same bound as a file of a snapshot zip: a folder is no way around it.
      const tooLarge = snapshotFileTooLarge(full, file.size);
      if (tooLarge) throw tooLarge;
      files.set(name, new Uint8Array(await readFile(full)));
    }
    return files;
  }
  const tooLarge = wholeFileTooLarge(path, info.size);
  if (tooLarge) throw tooLarge;
  const bytes = new Uint8Array(await readFile(path));
  if (fileKindOf(bytes) !== 'zip') {
    throw new InputError([{ file: path, line: null, field: null, message: 'not a snapshot folder or zip' }]);
  }
  // The path as the user gave it, so the message names the file they can find.
  return unzipSnapshot(bytes, path);
}
