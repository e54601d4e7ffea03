import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveIdOf, MANIFEST_FILE } from '../../core/index.ts';
import { listSnapshots } from './layout.ts';

/** The archive's id (core's `archiveIdOf`, from its first snapshot); null while it has none. */
export async function archiveIdentity(archive: string): Promise<string | null> {
  const first = (await listSnapshots(archive))[0];
  if (first === undefined) return null;
  return archiveIdOf(first.name, new Uint8Array(await readFile(join(first.dir, MANIFEST_FILE))));
}
