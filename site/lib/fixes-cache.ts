/**
 * What each snapshot's fixes.csv said to the metrics, kept between builds. A snapshot never
 * changes, yet a rebuild after one more weekly snapshot decoded a year of them again, its largest
 * cost. Entries are keyed by the SHA-256 of the file's bytes, so an edited file is a new key and
 * decoded again; an entry holds only what the metrics measure of each fix (`MeasuredFix`), its few
 * distinct values once and each fix as places in them.
 *
 * A cache is only ever a shortcut: an entry that cannot be read back whole and valid is decoded
 * from its file again, and one that cannot be written is not kept. An entry is what the same bytes
 * decoded to before, so they are not checked again (`remdesk validate` checks every file). Entries
 * unused for a month are removed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DeviceGroupName,
  deviceGroupName,
  type Instant,
  instant,
  type MeasuredFix,
  oneOf,
  SEVERITY_LEVELS,
  type SeverityLevel,
} from '../../core/index.ts';

/** The entries' layout; another is a miss. */
const FORMAT = 2;
const UNUSED_DAYS = 30;

export interface FixesCache {
  /** What a fixes.csv of these bytes decoded to, or null when it is not kept (or not readable). */
  get(bytes: Uint8Array): Promise<MeasuredFix[] | null>;
  put(bytes: Uint8Array, fixes: readonly MeasuredFix[]): Promise<void>;
  /** Removes the entries not used for a month; never fails. */
  prune(): Promise<void>;
}

/**
 * An entry as written: the SHA-256 of the bytes it stands for and how many fixes they held, the
 * values, and four places per fix (group, severity, first seen, fixed at; -1 for none).
 */
interface Entry {
  readonly format: typeof FORMAT;
  readonly source: string;
  readonly count: number;
  readonly groups: readonly string[];
  readonly severities: readonly string[];
  readonly instants: readonly string[];
  readonly fixes: readonly number[];
}

function entryOf(source: string, fixes: readonly MeasuredFix[]): Entry {
  const places = <T>() => {
    const values: T[] = [];
    const index = new Map<T, number>();
    return {
      values,
      of(v: T): number {
        let i = index.get(v);
        if (i === undefined) {
          i = values.push(v) - 1;
          index.set(v, i);
        }
        return i;
      },
    };
  };
  const groups = places<string>();
  const severities = places<string>();
  const instants = places<string>();
  const packed: number[] = [];
  for (const f of fixes) {
    packed.push(
      groups.of(f.group),
      f.severity === null ? -1 : severities.of(f.severity),
      f.firstSeen === null ? -1 : instants.of(f.firstSeen),
      instants.of(f.fixedAt),
    );
  }
  return {
    format: FORMAT,
    source,
    count: fixes.length,
    groups: groups.values,
    severities: severities.values,
    instants: instants.values,
    fixes: packed,
  };
}

/** A list of strings each `parse` accepts, or null. */
function parsedList<T>(value: unknown, parse: (raw: string) => T): T[] | null {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
  try {
    return value.map(parse);
  } catch {
    return null;
  }
}

/**
 * An entry's fixes, checked as any input is; null for anything but a whole, valid entry of the
 * bytes whose SHA-256 is `source`.
 */
function fixesOf(text: string, source: string): MeasuredFix[] | null {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Record<string, unknown>;
  if (e.format !== FORMAT || e.source !== source || !Array.isArray(e.fixes)) return null;
  if (typeof e.count !== 'number' || e.fixes.length !== 4 * e.count) return null;
  const groups = parsedList<DeviceGroupName>(e.groups, deviceGroupName);
  const severities = parsedList<SeverityLevel>(e.severities, oneOf(SEVERITY_LEVELS));
  const instants = parsedList<Instant>(e.instants, instant);
  if (groups === null || severities === null || instants === null) return null;
  const packed: unknown[] = e.fixes;
  const place = <T>(list: readonly T[], at: number, orNone: boolean): T | null | undefined => {
    const n = packed[at];
    if (orNone && n === -1) return null;
    return typeof n === 'number' && Number.isInteger(n) ? list[n] : undefined;
  };
  const fixes: MeasuredFix[] = [];
  for (let i = 0; i < packed.length; i += 4) {
    const group = place(groups, i, false);
    const severity = place(severities, i + 1, true);
    const firstSeen = place(instants, i + 2, true);
    const fixedAt = place(instants, i + 3, false);
    if (!group || severity === undefined || firstSeen === undefined || !fixedAt) return null;
    fixes.push({ group, severity, firstSeen, fixedAt });
  }
  return fixes;
}

/** The cache in `dir` (created when first written). */
export function fixesCacheIn(dir: string): FixesCache {
  const sourceOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const fileOf = (source: string) => join(dir, `${source}.json`);
  return {
    async get(bytes) {
      const source = sourceOf(bytes);
      const file = fileOf(source);
      const text = await readFile(file, 'utf8').catch(() => null);
      const fixes = text === null ? null : fixesOf(text, source);
      if (fixes !== null) {
        const now = new Date();
        await utimes(file, now, now).catch(() => {});
      }
      return fixes;
    },
    async put(bytes, fixes) {
      const source = sourceOf(bytes);
      const file = fileOf(source);
      // Written whole under a name of this process, then renamed: another build may read it meanwhile.
      const staged = `${file}.${process.pid}`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(staged, JSON.stringify(entryOf(source, fixes)));
        await rename(staged, file);
      } catch {
        await rm(staged, { force: true }).catch(() => {});
      }
    },
    async prune() {
      const names = await readdir(dir).catch(() => []);
      const before = Date.now() - UNUSED_DAYS * 86_400_000;
      for (const name of names) {
        const file = join(dir, name);
        const used = await stat(file).then(
          (s) => s.mtimeMs,
          () => null,
        );
        if (used !== null && used < before) await rm(file, { force: true }).catch(() => {});
      }
    },
  };
}
