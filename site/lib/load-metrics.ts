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
  decodeSnapshotTables,
  type ExposureFix,
  exposureFixes,
  FIXES_FILE,
  filesOfTables,
  fixesTable,
  type Instant,
  MANIFEST_FILE,
  parseArchiveSettings,
  type ReportMetrics,
  readSnapshotTable,
  reportMetrics,
  SETTINGS_FILE,
  SNAPSHOTS_FOLDER,
  type State,
} from '../../core/index.ts';
import { sha256 } from './sha256.ts';

export interface LoadedMetrics {
  readonly settings: ArchiveSettings;
  readonly metrics: ReportMetrics;
  readonly burnDowns: BurnDowns;
}

const missing = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** The archive's settings; none (no SLA) when it has no remdesk.json. */
export async function readSettings(dir: string): Promise<ArchiveSettings> {
  const file = join(dir, SETTINGS_FILE);
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    if (missing(e)) return null;
    throw e;
  });
  return text === null ? DEFAULT_SETTINGS : parseArchiveSettings(text, file);
}

/** Some tables of one snapshot folder, decoded and checked by core. */
async function tablesOf<K extends keyof State>(folder: string, names: readonly K[]): Promise<Pick<State, K>> {
  const files = new Map<string, Uint8Array>();
  for (const name of [MANIFEST_FILE, ...filesOfTables(names)]) {
    const bytes = await readFile(join(folder, name)).catch((e: unknown) => {
      if (missing(e)) return null;
      throw e;
    });
    if (bytes) files.set(name, new Uint8Array(bytes));
  }
  return (await decodeSnapshotTables(files, names, folder, { sha256 })).state;
}

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
    const folder = join(dir, SNAPSHOTS_FOLDER, s.label);
    const recorded = await readFile(join(folder, FIXES_FILE)).catch((e: unknown) => {
      if (missing(e)) return null;
      throw e;
    });
    if (recorded) {
      fixes.push(
        ...(await readSnapshotTable(fixesTable, new Uint8Array(recorded), join(folder, FIXES_FILE))),
      );
      before = null;
    } else {
      const picture = await tablesOf(folder, PICTURE);
      if (i > 0) {
        const previous =
          before ?? (await tablesOf(join(dir, SNAPSHOTS_FOLDER, snapshots[i - 1]?.label ?? ''), PICTURE));
        fixes.push(...exposureFixes(previous, picture, s.at));
      }
      before = picture;
    }
    burnDowns.add(s.at, (await tablesOf(folder, ['activities'])).activities);
  }
  const first = snapshots[0]?.at ?? snapshots.at(-1)?.at;
  const at = snapshots.at(-1)?.at;
  if (first === undefined || at === undefined) throw new Error('an archive has at least one snapshot');
  return { settings, metrics: reportMetrics(latest, at, settings, fixes, first), burnDowns };
}
