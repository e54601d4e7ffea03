import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Instant } from '../../core/index.ts';

/**
 * An archive is a folder:
 *   snapshots/<UTC time>/   one snapshot each (core's CSV files + manifest.json)
 *   history.jsonl           one line of figures per snapshot, in the order they were written
 * Snapshot folder names are the snapshot's moment in UTC without colons (valid on every file
 * system) and sort as text in time order: 2026-11-29T080000Z, or 2026-11-29T080000.250Z.
 */
export const SNAPSHOTS = 'snapshots';
export const HISTORY = 'history.jsonl';
/** Folders being written start with this and are never read as snapshots. */
export const TEMP_PREFIX = '.tmp-';

const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(\.\d{3})?Z$/;

export function snapshotName(at: Instant): string {
  const [day, time = ''] = at.split('T');
  const [hms = '', ms = '000Z'] = time.split('.');
  const compact = hms.replaceAll(':', '');
  return ms === '000Z' ? `${day}T${compact}Z` : `${day}T${compact}.${ms}`;
}

export function instantOfName(name: string): Instant | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, day, h, mi, s, ms = '.000'] = m;
  const iso = `${day}T${h}:${mi}:${s}${ms}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString() !== iso ? null : (iso as Instant);
}

export interface SnapshotRef {
  readonly name: string;
  readonly at: Instant;
  readonly dir: string;
}

export const snapshotsDir = (archive: string): string => join(archive, SNAPSHOTS);
export const historyFile = (archive: string): string => join(archive, HISTORY);

/** Whether a folder is an archive: it has snapshots/ or history.jsonl (validate's test too). */
export async function isArchive(dir: string): Promise<boolean> {
  for (const p of [snapshotsDir(dir), historyFile(dir)]) if (await exists(p)) return true;
  return false;
}

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

/** The archive's snapshots, oldest first; an archive that does not exist yet has none. */
export async function listSnapshots(archive: string): Promise<SnapshotRef[]> {
  let names: string[];
  try {
    names = await readdir(snapshotsDir(archive));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const refs: SnapshotRef[] = [];
  for (const name of names) {
    const at = instantOfName(name);
    if (at) refs.push({ name, at, dir: join(snapshotsDir(archive), name) });
  }
  return refs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Entries of snapshots/ that are neither snapshots nor in-progress writes (validate reports them). */
export async function strayEntries(archive: string): Promise<string[]> {
  try {
    const names = await readdir(snapshotsDir(archive));
    return names.filter((n) => instantOfName(n) === null && !n.startsWith(TEMP_PREFIX)).sort();
  } catch {
    return [];
  }
}
