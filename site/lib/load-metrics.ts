/**
 * What the metrics (docs/metrics.md) read of an archive beyond its latest snapshot: the team's
 * settings (`remdesk.json`), every snapshot's fixes (`fixes.csv`) and every snapshot's activities
 * (the burn-downs). None of it needs the latest snapshot decoded, so the build reads it in a thread
 * of its own while the pages compile and the latest snapshot is decoded (site/build/build-site.ts).
 * A snapshot written before fixes were recorded gets them derived from it and the one before it, in
 * memory: the archive is never written by a report.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ActivityId,
  type ArchiveSettings,
  type BurnDown,
  BurnDowns,
  DEFAULT_SETTINGS,
  exposureFixes,
  FIXES_FILE,
  type FixedExposureFigures,
  fixedExposureFigures,
  fixesTable,
  InputError,
  type MeasuredFix,
  parseArchiveSettings,
  readSnapshotTable,
  SETTINGS_FILE,
  SNAPSHOTS_FOLDER,
  type State,
} from '../../core/index.ts';
import type { FixesCache } from './fixes-cache.ts';
import { type Archive, readTables, type SnapshotRef, snapshotRefs } from './load-archive.ts';

/** Every snapshot's contribution to the metrics, oldest first. */
export interface MetricsHistory {
  /** The snapshots read: the report checks they are the ones it read the latest of. */
  readonly snapshots: readonly SnapshotRef[];
  readonly settings: ArchiveSettings;
  /**
   * What every snapshot's fixes (core's `exposureFixes`) say over the report's periods, at the
   * latest snapshot: figures, not the hundreds of thousands of fixes, are handed to the report.
   */
  readonly fixed: FixedExposureFigures;
  /** M-BURN-1: each tracked activity's targeted and still exposed at every snapshot. */
  readonly burnDowns: ReadonlyMap<ActivityId, BurnDown>;
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
 * Every snapshot's fixes and activities, oldest first. Snapshots are read one at a time; only the
 * pictures of two neighbours are held, and only while a snapshot without its fixes.csv needs them.
 * With `cache`, a fixes.csv decoded by an earlier build is not decoded again (fixes-cache.ts);
 * `signal` stops the reading between snapshots (the build it was for failed).
 */
export async function readMetricsHistory(
  dir: string,
  cache?: FixesCache,
  signal?: AbortSignal,
): Promise<MetricsHistory> {
  const settings = await readSettings(dir);
  const snapshots = await snapshotRefs(dir);
  const burnDowns = new BurnDowns(settings.sla);
  const fixes: MeasuredFix[] = [];
  let before: Pick<State, (typeof PICTURE)[number]> | null = null;
  for (const [i, s] of snapshots.entries()) {
    signal?.throwIfAborted();
    const fixesFile = join(dir, SNAPSHOTS_FOLDER, s.label, FIXES_FILE);
    const recorded = await readIfThere(fixesFile);
    if (recorded) {
      const bytes = new Uint8Array(recorded);
      let measured = (await cache?.get(bytes)) ?? null;
      if (measured === null) {
        measured = await readSnapshotTable(fixesTable, bytes, fixesFile);
        await cache?.put(bytes, measured);
      }
      fixes.push(...measured);
      before = null;
    } else {
      const picture = await tablesOf(dir, s.label, PICTURE);
      if (i > 0) {
        const previous = before ?? (await tablesOf(dir, snapshots[i - 1]?.label ?? '', PICTURE));
        fixes.push(...exposureFixes(previous, picture, s.at));
      }
      before = picture;
    }
    burnDowns.add(s.at, (await tablesOf(dir, s.label, ['activities'])).activities);
  }
  const [first, latest] = [snapshots[0], snapshots.at(-1)];
  if (first === undefined || latest === undefined) throw new Error('an archive has at least one snapshot');
  const fixed = fixedExposureFigures(fixes, settings.sla, latest.at, first.at);
  return { snapshots, settings, fixed, burnDowns: burnDowns.all() };
}

/**
 * Refuses a history read of other snapshots than the report's: the archive changed between the
 * two reads (a pull wrote a snapshot during the build).
 */
export function checkSameSnapshots(history: MetricsHistory, archive: Archive): void {
  const [read, latest] = [history.snapshots, archive.snapshots];
  if (read.length === latest.length && read.every((s, i) => s.label === latest[i]?.label)) return;
  const message = `the archive's snapshots changed during the build (the report read up to ${latest.at(-1)?.label}, the metrics up to ${read.at(-1)?.label}): build again`;
  throw new InputError([{ file: join(archive.dir, SNAPSHOTS_FOLDER), line: null, field: null, message }]);
}
