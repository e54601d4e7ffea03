import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ArchiveSettings, InputError, parseArchiveSettings, SETTINGS_FILE } from '../../core/index.ts';

export interface SettingsFile {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * The archive's `remdesk.json` as it is on disk (a team state carries it byte for byte), or null
 * when the archive has none: no SLA (docs/metrics.md). A folder in its place is a problem of the
 * archive, named, never read.
 */
export async function readSettingsFile(archive: string): Promise<SettingsFile | null> {
  const file = join(archive, SETTINGS_FILE);
  try {
    return { file, bytes: new Uint8Array(await readFile(file)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw new InputError([{ file, line: null, field: null, message: 'not a file' }]);
    throw e;
  }
}

/** Parsed by core, as the report and the extension parse it: a problem names file, line and field. */
export const parseSettingsFile = ({ file, bytes }: SettingsFile): ArchiveSettings =>
  parseArchiveSettings(new TextDecoder().decode(bytes), file);
