/**
 * A team state: the archive's latest snapshot as the extension loads it (R-MERGE-1), from a file
 * `remdesk export` writes or from the published report. Beside the snapshot's own files it carries
 * `team.json`, naming the archive and the snapshot, which the admin's change bundles then name as
 * the state they started from, and the archive's `remdesk.json` when it has one (its SLA policy,
 * which the extension's request form proposes due dates from).
 */
import { InputError } from '../../errors.ts';
import type { TeamStateRef } from '../../model/change-bundle.ts';
import {
  type ArchiveSettings,
  DEFAULT_SETTINGS,
  parseArchiveSettings,
  SETTINGS_FILE,
} from '../settings-file.ts';
import { type SnapshotFiles, sha256Hex } from '../snapshot/manifest.ts';

export const TEAM_STATE_FILE = 'team.json';
const FORMAT = 'remdesk-team-state';

/**
 * An archive's id: derived from its first snapshot (its name and manifest), which an archive keeps
 * for ever, so every copy of the archive (a clone, the published report) names itself alike and no
 * file has to be added to archives that exist.
 */
export async function archiveIdOf(firstSnapshot: string, firstManifest: Uint8Array): Promise<string> {
  const name = new TextEncoder().encode(`${firstSnapshot}\n`);
  const bytes = new Uint8Array(name.length + firstManifest.length);
  bytes.set(name);
  bytes.set(firstManifest, name.length);
  return (await sha256Hex(bytes)).slice(0, 20);
}

export const teamStateText = (ref: TeamStateRef): string =>
  `${JSON.stringify({ format: FORMAT, archive: ref.archive, snapshot: ref.snapshot }, null, 2)}\n`;

function parseTeamState(text: string, file: string): TeamStateRef {
  const fail = (field: string | null, message: string): never => {
    throw new InputError([{ file, line: null, field, message }]);
  };
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    return fail(null, `not JSON: ${(e as Error).message}`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return fail(null, 'expected an object');
  const extra = Object.keys(o).find((k) => !['format', 'archive', 'snapshot'].includes(k));
  if (extra !== undefined) fail(extra, 'not a field of a team state');
  const r = o as Record<string, unknown>;
  if (r.format !== FORMAT) fail('format', `expected "${FORMAT}"`);
  const field = (k: string) =>
    typeof r[k] === 'string' && r[k] !== '' ? (r[k] as string) : fail(k, 'expected a text');
  return { archive: field('archive'), snapshot: field('snapshot') };
}

/**
 * A team state's files: which state it is, the archive's settings (none without `remdesk.json`:
 * no SLA, as for the archive itself) and the snapshot's own files. A bad `remdesk.json` refuses
 * the whole team state, naming the file, line and field: loading it without its policy would
 * quietly propose no due dates.
 */
export function splitTeamState(
  files: SnapshotFiles,
  label: string,
): { ref: TeamStateRef; settings: ArchiveSettings; snapshot: SnapshotFiles } {
  const team = files.get(TEAM_STATE_FILE);
  if (team === undefined)
    throw new InputError([
      {
        file: label,
        line: null,
        field: TEAM_STATE_FILE,
        message:
          'not a team state: it has no team.json (make one with `remdesk export`, or load the published report)',
      },
    ]);
  const ref = parseTeamState(new TextDecoder().decode(team), `${label}/${TEAM_STATE_FILE}`);
  const settingsBytes = files.get(SETTINGS_FILE);
  const settings =
    settingsBytes === undefined
      ? DEFAULT_SETTINGS
      : parseArchiveSettings(new TextDecoder().decode(settingsBytes), `${label}/${SETTINGS_FILE}`);
  const snapshot = new Map(files);
  snapshot.delete(TEAM_STATE_FILE);
  snapshot.delete(SETTINGS_FILE);
  return { ref, settings, snapshot };
}
