import { compareText } from '../model/canonical-order.ts';
import type { Instant } from '../model/time.ts';

/**
 * An archive is a folder (docs/archive.md):
 *   snapshots/<UTC time>/   one snapshot each (the snapshot format's CSV files + manifest.json)
 *   history.jsonl           one line of figures per snapshot, in the order they were written
 * The command line and the report site both read it, so which names are snapshots, and in what
 * order, is said here once.
 */
export const SNAPSHOTS_FOLDER = 'snapshots';
export const HISTORY_FILE = 'history.jsonl';
/** Folders being written start with this and are never read as snapshots. */
export const TEMP_PREFIX = '.tmp-';

const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(\.\d{3})?Z$/;

/**
 * A snapshot folder's name: its moment in UTC without colons, so it is valid on every file system
 * (2026-11-29T080000Z); milliseconds only when not zero (2026-11-29T080000.250Z).
 */
export function snapshotName(at: Instant): string {
  const [day, time = ''] = at.split('T');
  const [hms = '', ms = '000Z'] = time.split('.');
  const compact = hms.replaceAll(':', '');
  return ms === '000Z' ? `${day}T${compact}Z` : `${day}T${compact}.${ms}`;
}

/** The moment a snapshot folder's name stands for; null when the name is no snapshot's. */
export function instantOfName(name: string): Instant | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, day, h, mi, s, ms = '.000'] = m;
  const iso = `${day}T${h}:${mi}:${s}${ms}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString() !== iso ? null : (iso as Instant);
}

export interface SnapshotFolder {
  readonly name: string;
  readonly at: Instant;
}

/** What the entries of snapshots/ are. */
export interface SnapshotsListing {
  /** Oldest first: the last is the archive's latest snapshot. */
  readonly snapshots: readonly SnapshotFolder[];
  /** Left by a write that has not finished (or never will): readers pass over them. */
  readonly unfinished: readonly string[];
  /** Anything else (`old/`, `notes.txt`): no snapshot, which `remdesk validate` reports. */
  readonly stray: readonly string[];
}

/**
 * The entries of snapshots/ sorted out. Snapshots are ordered by their moments, not their names:
 * as text, …T080000.250Z sorts before …T080000Z, a quarter second after it.
 */
export function sortSnapshotsListing(names: readonly string[]): SnapshotsListing {
  const snapshots: SnapshotFolder[] = [];
  const unfinished: string[] = [];
  const stray: string[] = [];
  for (const name of names) {
    const at = instantOfName(name);
    if (at) snapshots.push({ name, at });
    else (name.startsWith(TEMP_PREFIX) ? unfinished : stray).push(name);
  }
  snapshots.sort((a, b) => compareText(a.at, b.at));
  return { snapshots, unfinished: unfinished.sort(compareText), stray: stray.sort(compareText) };
}
