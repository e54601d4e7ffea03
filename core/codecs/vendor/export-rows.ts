import { InputError } from '../../errors.ts';
import type { VendorBatch } from '../../model/batch.ts';
import type { Device } from '../../model/device.ts';
import { type DeviceId, deviceId, type RecommendationId, recommendationId } from '../../model/ids.ts';
import { type Instant, instant } from '../../model/time.ts';
import { FieldReader, type JsonRecord } from './fields.ts';
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

// Exports repeat the same timestamps on many rows; parsing each once keeps a million rows fast.
const STAMP_CACHE_LIMIT = 100_000;

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
const daysInMonth = (y: number, m: number): number =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/**
 * `instant`, quicker for the forms the export writes (`2020-12-30 14:17:26`, and ISO with up to 9
 * fractional digits and `Z`): a large export has hundreds of thousands of distinct timestamps,
 * too many to cache. Anything else, valid or not, goes to `instant` itself, so the results and
 * the errors are the same.
 */
export function exportInstant(raw: string): Instant {
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
    return instant(raw);
  const end = raw.charCodeAt(n - 1) === 90 ? n - 1 : n;
  let ms = 0;
  if (end > 19) {
    if (raw.charCodeAt(19) !== 46 || end - 20 < 1 || end - 20 > 9 || !isDigits(raw, 20, end))
      return instant(raw);
    // The same arithmetic as `instant`, so rounding agrees to the last digit.
    ms = Math.floor(Number(`0.${raw.slice(20, end)}`) * 1000);
  } else if (end !== 19) return instant(raw);
  const y = numberAt(raw, 0, 4);
  const m = numberAt(raw, 5, 7);
  const d = numberAt(raw, 8, 10);
  // Two-digit years (Date.UTC reads them as 19xx) and impossible dates: `instant` words the error.
  if (
    y < 100 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m) ||
    numberAt(raw, 11, 13) > 23 ||
    numberAt(raw, 14, 16) > 59 ||
    numberAt(raw, 17, 19) > 59
  )
    return instant(raw);
  return `${raw.slice(0, 10)}T${raw.slice(11, 19)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z` as Instant;
}

/** A device named by the rows, and the state kept per recommendation of it. */
export interface ExportDevice<T> {
  readonly id: DeviceId;
  readonly cells: Map<RecommendationId, T>;
}

/**
 * What the full and the delta export read alike: the device of a row (read once per device), the
 * recommendation it refers to (rows without one are skipped and counted), cached timestamps, and
 * one cell of state `T` per device × recommendation, kept in the order first seen. Every id and
 * timestamp is checked once per distinct string: a million rows name ~100k devices and a few
 * dozen recommendations. The accumulators pass the raw field values in (read as plain properties,
 * which is what keeps a row cheap); anything unexpected falls back to the FieldReader, which words
 * the error.
 */
export class ExportRows<T> {
  readonly f: FieldReader;
  private readonly byRawDevice = new Map<string, ExportDevice<T>>();
  private readonly byDevice = new Map<DeviceId, ExportDevice<T>>();
  private readonly devices: Device[] = [];
  private readonly recIds = new Map<string, RecommendationId>();
  private readonly stamps = new Map<string, Instant>();
  private readonly order: T[] = [];
  private skipped = 0;
  /** The newest timestamp seen in `newestOf` fields: the fallback observation time. */
  private newest: Instant | null = null;

  constructor(
    readonly file: string,
    private readonly newestOf: string,
  ) {
    this.f = new FieldReader(file);
  }

  /**
   * The row's device (`raw` is its `deviceId`). Its name, platform and group are read from the
   * first row naming it: the export repeats them on every row of the device.
   */
  device(raw: unknown): ExportDevice<T> {
    const known = typeof raw === 'string' ? this.byRawDevice.get(raw) : undefined;
    if (known !== undefined) return known;
    const text = this.f.string('deviceId');
    const id = this.f.parsed('deviceId', text, deviceId);
    let device = this.byDevice.get(id);
    if (device === undefined) {
      device = { id, cells: new Map() };
      this.byDevice.set(id, device);
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
    }
    this.byRawDevice.set(text, device);
    return device;
  }

  /** The row's recommendation (`raw` is its `recommendationReference`), or null (counted) when it refers to none. */
  recommendation(raw: unknown): RecommendationId | null {
    const known = typeof raw === 'string' ? this.recIds.get(raw) : undefined;
    if (known !== undefined) return known;
    const text = this.f.optString('recommendationReference');
    if (text === null) {
      this.skipped++;
      return null;
    }
    const id = this.f.parsed('recommendationReference', text, recommendationId);
    this.recIds.set(text, id);
    return id;
  }

  /** The timestamp in field `name`, whose value is `raw`; null when absent or empty. */
  stamp(name: string, raw: unknown): Instant | null {
    let t = typeof raw === 'string' ? this.stamps.get(raw) : undefined;
    if (t === undefined) {
      const text = this.f.optString(name);
      if (text === null) return null;
      t = this.f.parsed(name, text, exportInstant);
      if (this.stamps.size >= STAMP_CACHE_LIMIT) this.stamps.clear();
      this.stamps.set(text, t);
    }
    if (name === this.newestOf && (this.newest === null || t > this.newest)) this.newest = t;
    return t;
  }

  /** Remember a new cell of `device` × `rec`; `cells()` lists them in the order added. */
  addCell(device: ExportDevice<T>, rec: RecommendationId, cell: T): void {
    device.cells.set(rec, cell);
    this.order.push(cell);
  }

  cells(): readonly T[] {
    return this.order;
  }

  observedAt(given: Instant | undefined): Instant {
    const at = given ?? this.newest;
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
            message: `${this.skipped} row(s) without a recommendationReference were skipped`,
          },
        ];
  }
}

/** Feed already-split records (e.g. the `value` of a JSON envelope) through an accumulator. */
export function accumulateRecords(
  acc: RowAccumulator,
  records: readonly JsonRecord[],
  observedAt?: Instant,
): ParsedVendorBatch {
  for (const r of records) acc.add(r.value, r.line, r.path);
  return acc.finish(observedAt);
}

/**
 * Feed a one-record-per-line file (the export "via files", once gunzipped) through an accumulator.
 * Blank lines are skipped; a line that is not JSON is reported with its line number.
 */
export async function accumulateLines(
  acc: RowAccumulator,
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
  observedAt?: Instant,
): Promise<ParsedVendorBatch> {
  let n = 0;
  const one = (line: string): void => {
    n++;
    if (line.trim() !== '') acc.add(parseJsonText(line, file, n), n, '$');
  };
  if (Symbol.iterator in lines) for (const line of lines) one(line);
  else for await (const line of lines) one(line);
  return acc.finish(observedAt);
}
