import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../../core/index.ts';

/** The sample team's SLA (R-SLA-1): DefectDojo's defaults, so the metrics have due dates to hold. */
export const SAMPLE_SETTINGS = `${JSON.stringify({ sla: { preset: 'defectdojo' } }, null, 2)}\n`;

/**
 * Writes the sample's remdesk.json into the archive unless it has one: a team's own policy is
 * never replaced, and nothing is written through a link where the file would be ('wx').
 */
export async function writeSampleSettings(archive: string): Promise<boolean> {
  try {
    await writeFile(join(archive, SETTINGS_FILE), SAMPLE_SETTINGS, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
