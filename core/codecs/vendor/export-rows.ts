import { counted } from '../../counted.ts';
import { InputError } from '../../errors.ts';
import type { VendorBatch } from '../../model/batch.ts';
import type { Device } from '../../model/device.ts';
import { type DeviceId, deviceId, type RecommendationId, recommendationId } from '../../model/ids.ts';
import { daysInMonth, type Instant, instant, withinLimits } from '../../model/time.ts';
import { FieldReader } from './fields.ts';
import { parseJsonText } from './json-document.ts';
import { readDeviceGroup } from './machine-references.ts';

/** Something harmless the import skipped, counted rather than listed (exports run to millions of rows). */
export interface VendorWarning {
  readonly file: string;
  readonly field: string;
  readonly count: number;
  readonly message: string;
}

/** A parsed vendor file: the batch to merge, plus what was skipped on the way. */
export type ParsedVendorBatch = VendorBatch & { readonly warnings: readonly VendorWarning[] };

/** Takes the rows of a software-vulnerabilities export one at a time, so a file is never held whole. */
export interface RowAccumulator {
  /** `line` is where the row starts; `path` its JSON path (`$` for one-record-per-line files). */
  add(record: unknown, line: number | null, path?: string): void;
  /** Without `observedAt`, the newest timestamp among the rows stands for the export's time. */
  finish(observedAt?: Instant): ParsedVendorBatch;
}

const isDigits = (s: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};
const numberAt = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};
/**
 * A timestamp of the export as a number (its milliseconds since 1970), so a million rows keep
 * numbers rather than strings. The forms the export writes (`2020-12-30
 * 14:17:26`, and ISO with up to 9 fractional digits and `Z`) are read here; anything else, valid or
 * not, goes to `instant` itself, so the results and the errors are the same.
 */
export function exportStampKey(raw: string): number {
  const n = raw.length;
  const sep = raw.charCodeAt(10);
  if (
    n < 19 ||
    !isDigits(raw, 0, 4) ||
    raw.charCodeAt(4) !== 45 ||
    !isDigits(raw, 5, 7) ||
    raw.charCodeAt(7) !== 45 ||
    !isDigits(raw, 8, 10) ||
    (sep !== 32 && sep !== 84) ||
    !isDigits(raw, 11, 13) ||
    raw.charCodeAt(13) !== 58 ||
    !isDigits(raw, 14, 16) ||
    raw.charCodeAt(16) !== 58 ||
    !isDigits(raw, 17, 19)
  )
    return viaInstant(raw);
  const end = raw.charCodeAt(n - 1) === 90 ? n - 1 : n;
  let ms = 0;
  if (end > 19) {
    if (raw.charCodeAt(19) !== 46 || end - 20 < 1 || end - 20 > 9 || !isDigits(raw, 20, end))
      return viaInstant(raw);
    // The same arithmetic as `instant`, so rounding agrees to the last digit.
    ms = Math.floor(Number(`0.${raw.slice(20, end)}`) * 1000);
  } else if (end !== 19) return viaInstant(raw);
  const y = numberAt(raw, 0, 4);
  const m = numberAt(raw, 5, 7);
  const d = numberAt(raw, 8, 10);
  const h = numberAt(raw, 11, 13);
  const mi = numberAt(raw, 14, 16);
  const sec = numberAt(raw, 17, 19);
  // Two-digit years (Date.UTC reads them as 19xx), impossible dates and moments out of range:
  // `instant` words the error.
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h > 23 || mi > 59 || sec > 59)
    return viaInstant(raw);
  const key = Date.UTC(y, m - 1, d, h, mi, sec, ms);
  return withinLimits(key) ? key : viaInstant(raw);
}

const viaInstant = (raw: string): number => Date.parse(instant(raw));

/** The Instant of a key from `exportStampKey`; NaN (no timestamp) is null. */
export const instantOfKey = (key: number): Instant | null =>
  Number.isNaN(key) ? null : (new Date(key).toISOString() as Instant);

/**
 * Keys back to Instants, for `finish`. Consecutive cells often share one (the last-seen of a
 * device), so the last is remembered.
 */
export function instants(): (key: number) => Instant | null {
  let lastKey = Number.NaN;
  let last: Instant | null = null;
  return (key) => {
    if (key !== lastKey) {
      lastKey = key;
      last = instantOfKey(key);
    }
    return last;
  };
}

/** `instant`, quicker for the forms the export writes: the same results and the same errors. */
export const exportInstant = (raw: string): Instant => instantOfKey(exportStampKey(raw)) as Instant;

/** A column of numbers that doubles as it fills: per-row state off the heap of small objects. */
export function grown<A extends Int8Array | Int32Array | Float64Array>(a: A, needed: number): A {
  if (needed <= a.length) return a;
  const b = new (a.constructor as new (n: number) => A)(Math.max(needed, a.length * 2));
  b.set(a);
  return b;
}

/**
 * One timestamp field of the rows, read as a key (`exportStampKey`; NaN when absent or empty). The
 * export repeats a value on consecutive rows (the rows of a device, of a device × software), so
 * the last one is remembered rather than every one: a cache of hundreds of thousands of strings
 * kept to the end costs more in garbage collection than it saves.
 */
class StampField {
  private lastRaw: unknown;
  private lastKey = Number.NaN;
  /** The newest key read, when this field dates the export; NaN while none. */
  newest = Number.NaN;

  constructor(
    readonly name: string,
    private readonly f: FieldReader,
    private readonly dates: boolean,
  ) {}

  read(raw: unknown): number {
    if (raw === this.lastRaw && typeof raw === 'string') return this.lastKey;
    const text = this.f.optString(this.name);
    const key = text === null ? Number.NaN : this.f.parsed(this.name, text, exportStampKey);
    this.lastRaw = raw;
    this.lastKey = key;
    if (this.dates && (Number.isNaN(this.newest) || key > this.newest)) this.newest = key;
    return key;
  }
}

const NONE = -1;

/**
 * What the full and the delta export read alike: the device of a row (read once per device), the
 * recommendation it refers to (rows without one are skipped and counted), timestamps as numbers,
 * and one cell per device × recommendation, numbered in the order first seen: the accumulators keep
 * their state per cell in typed arrays indexed by that number. A million rows name ~100k devices,
 * a few dozen recommendations and a few hundred thousand cells; held as objects and maps, they made
 * young-generation garbage collection the larger part of an import. Every id is checked once per
 * distinct string. The accumulators pass the raw field values in (read as plain properties, which
 * is what keeps a row cheap); anything unexpected falls back to the FieldReader, which words the
 * error.
 */
export class ExportRows {
  readonly f: FieldReader;
  private readonly byRawDevice = new Map<string, number>();
  private readonly byDevice = new Map<DeviceId, number>();
  private readonly devices: Device[] = [];
  private readonly recIndex = new Map<string, number>();
  private readonly recIds: RecommendationId[] = [];
  private lastRawDevice: unknown;
  private lastDevice = NONE;
  private lastRawRec: unknown;
  private lastRec = NONE;
  /** Per device, its newest cell; per cell, the device's cell before it: each device's cells as a chain. */
  private deviceHead = new Int32Array(1024);
  private cellNext = new Int32Array(1024);
  private cellDevice = new Int32Array(1024);
  private cellRec = new Int32Array(1024);
  private count = 0;
  private skipped = 0;
  private readonly dating: StampField;

  constructor(
    readonly file: string,
    private readonly newestOf: string,
  ) {
    this.f = new FieldReader(file);
    this.dating = new StampField(newestOf, this.f, true);
  }

  /**
   * The row's device (`raw` is its `deviceId`), as a number. Its name, platform and group are read
   * from the first row naming it: the export repeats them on every row of the device.
   */
  device(raw: unknown): number {
    if (raw === this.lastRawDevice && typeof raw === 'string') return this.lastDevice;
    let index = typeof raw === 'string' ? this.byRawDevice.get(raw) : undefined;
    if (index === undefined) {
      const text = this.f.string('deviceId');
      const id = this.f.parsed('deviceId', text, deviceId);
      index = this.byDevice.get(id);
      if (index === undefined) {
        index = this.devices.length;
        this.byDevice.set(id, index);
        this.devices.push({
          id,
          computerDnsName: this.f.text('deviceName'),
          osPlatform: this.f.text('osPlatform'),
          rbacGroupName: readDeviceGroup(this.f, 'rbacGroupName'),
          machineTags: [],
          exposureLevel: null,
          riskScore: null,
          lastSeen: null,
        });
        this.deviceHead = grown(this.deviceHead, index + 1);
        this.deviceHead[index] = NONE;
      }
      this.byRawDevice.set(text, index);
    }
    this.lastRawDevice = raw;
    this.lastDevice = index;
    return index;
  }

  /**
   * The row's recommendation (`raw` is its `recommendationReference`), as a number, or NONE
   * (counted) when it refers to none.
   */
  recommendation(raw: unknown): number {
    if (raw === this.lastRawRec && typeof raw === 'string') return this.lastRec;
    let index = typeof raw === 'string' ? this.recIndex.get(raw) : undefined;
    if (index === undefined) {
      const text = this.f.optString('recommendationReference');
      if (text === null) {
        this.skipped++;
        return NONE;
      }
      const id = this.f.parsed('recommendationReference', text, recommendationId);
      index = this.recIds.indexOf(id);
      if (index === NONE) index = this.recIds.push(id) - 1;
      this.recIndex.set(text, index);
    }
    this.lastRawRec = raw;
    this.lastRec = index;
    return index;
  }

  /** A reader of the timestamp field `name`: see StampField. */
  stamps(name: string): StampField {
    return name === this.newestOf ? this.dating : new StampField(name, this.f, false);
  }

  /** The cell of `device` × `rec`, or NONE when it has none yet. */
  cell(device: number, rec: number): number {
    for (let c = this.deviceHead[device] ?? NONE; c !== NONE; c = this.cellNext[c] ?? NONE)
      if (this.cellRec[c] === rec) return c;
    return NONE;
  }

  /** A new cell of `device` × `rec`, numbered after every other: the accumulators grow their columns to `cellCount()`. */
  addCell(device: number, rec: number): number {
    const c = this.count++;
    if (c >= this.cellNext.length) {
      this.cellNext = grown(this.cellNext, c + 1);
      this.cellDevice = grown(this.cellDevice, c + 1);
      this.cellRec = grown(this.cellRec, c + 1);
    }
    this.cellNext[c] = this.deviceHead[device] ?? NONE;
    this.cellDevice[c] = device;
    this.cellRec[c] = rec;
    this.deviceHead[device] = c;
    return c;
  }

  cellCount(): number {
    return this.count;
  }

  deviceOf(cell: number): DeviceId {
    return (this.devices[this.cellDevice[cell] ?? NONE] as Device).id;
  }

  recommendationOf(cell: number): RecommendationId {
    return this.recIds[this.cellRec[cell] ?? NONE] as RecommendationId;
  }

  observedAt(given: Instant | undefined): Instant {
    const at = given ?? instantOfKey(this.dating.newest);
    if (at !== null) return at;
    throw new InputError([
      {
        file: this.file,
        line: null,
        field: this.newestOf,
        message: 'the export has no timestamps to date it: give the time it was taken (observedAt)',
      },
    ]);
  }

  devicesSeen(): Device[] {
    return [...this.devices];
  }

  warnings(): VendorWarning[] {
    return this.skipped === 0
      ? []
      : [
          {
            file: this.file,
            field: 'recommendationReference',
            count: this.skipped,
            message: `${counted(this.skipped, 'row')} without a recommendationReference ${this.skipped === 1 ? 'was' : 'were'} skipped`,
          },
        ];
  }
}

/**
 * Feed a one-record-per-line file (the export "via files", once gunzipped) through an accumulator,
 * without finishing it: the parts of one export feed one accumulator. Every line is read; blank
 * lines are skipped; a line that is not JSON is reported with its line number. Returns the number of
 * records fed.
 */
export async function feedLines(
  acc: RowAccumulator,
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
): Promise<number> {
  let n = 0;
  let records = 0;
  const one = (line: string): void => {
    n++;
    if (line.trim() === '') return;
    acc.add(parseJsonText(line, file, n), n, '$');
    records++;
  };
  if (Symbol.iterator in lines) for (const line of lines) one(line);
  else for await (const line of lines) one(line);
  return records;
}

/** `feedLines`, then `finish`: one file that is a whole export on its own. */
export async function accumulateLines(
  acc: RowAccumulator,
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
  observedAt?: Instant,
): Promise<ParsedVendorBatch> {
  await feedLines(acc, lines, file);
  return acc.finish(observedAt);
}
