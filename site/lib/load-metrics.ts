/**
 * What the metrics (docs/metrics.md) read of an archive beyond its latest snapshot: the team's
 * settings (`remdesk.json`), every snapshot's fixes (`fixes.csv`) and every snapshot's activities
 * (the burn-downs). A snapshot written before fixes were recorded gets them derived from it and the
 * one before it, in memory: the archive is never written by a report.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ArchiveSettings,
  BurnDowns,
  DEFAULT_SETTINGS,
  type ExposureFix,
  exposureFixes,
  FIXES_FILE,
  fixesTable,
  type Instant,
  parseArchiveSettings,
  type ReportMetrics,
  readSnapshotTable,
  reportMetrics,
  SETTINGS_FILE,
  SNAPSHOTS_FOLDER,
  type State,
} from '../../core/index.ts';
import { readTables } from './load-archive.ts';

export interface LoadedMetrics {
  readonly settings: ArchiveSettings;
  readonly metrics: ReportMetrics;
  readonly burnDowns: BurnDowns;
}

/** A file's bytes, or null when there is none. */
const readIfThere = (file: string): Promise<Buffer | null> =>
  readFile(file).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  });

/** The archive's settings; none (no SLA) when it has no remdesk.json. */
export async function readSettings(dir: string): Promise<ArchiveSettings> {
  const file = join(dir, SETTINGS_FILE);
  const bytes = await readIfThere(file);
  return bytes === null ? DEFAULT_SETTINGS : parseArchiveSettings(bytes.toString('utf8'), file);
}

/** Some tables of the snapshot `label`, decoded and checked by core. */
const tablesOf = async <K extends keyof State>(dir: string, label: string, names: readonly K[]) =>
  (await readTables(join(dir, SNAPSHOTS_FOLDER, label), label, names)).state;

const PICTURE = ['devices', 'exposures'] as const;

/**
 * Every snapshot's fixes and activities, oldest first, then the metrics at the latest. Snapshots
 * are read one at a time; only the pictures of two neighbours are held, and only while a snapshot
 * without its fixes.csv needs them.
 */
export async function loadMetrics(
  dir: string,
  snapshots: readonly { readonly label: string; readonly at: Instant }[],
  latest: State,
): Promise<LoadedMetrics> {
  const settings = await readSettings(dir);
  const burnDowns = new BurnDowns(settings.sla);
  const fixes: ExposureFix[] = [];
  let before: Pick<State, (typeof PICTURE)[number]> | null = null;
  for (const [i, s] of snapshots.entries()) {
    const isLatest = i === snapshots.length - 1;
    const fixesFile = join(dir, SNAPSHOTS_FOLDER, s.label, FIXES_FILE);
    const recorded = await readIfThere(fixesFile);
    if (recorded) {
      fixes.push(...(await readSnapshotTable(fixesTable, new Uint8Array(recorded), fixesFile)));
      before = null;
    } else {
      // The latest snapshot is decoded already: its picture and activities are `latest`'s.
      const picture = isLatest ? latest : await tablesOf(dir, s.label, PICTURE);
      if (i > 0) {
        const previous = before ?? (await tablesOf(dir, snapshots[i - 1]?.label ?? '', PICTURE));
        fixes.push(...exposureFixes(previous, picture, s.at));
      }
      before = picture;
    }
    burnDowns.add(
      s.at,
      isLatest ? latest.activities : (await tablesOf(dir, s.label, ['activities'])).activities,
    );
  }
  const first = snapshots[0]?.at;
  const at = snapshots.at(-1)?.at;
  if (first === undefined || at === undefined) throw new Error('an archive has at least one snapshot');
  return { settings, metrics: reportMetrics(latest, at, settings, fixes, first), burnDowns };
}
