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

/**
 * What the full and the delta export read alike: the device of a row (read once per device), the
 * recommendation it refers to (rows without one are skipped and counted), and cached timestamps.
 */
export class ExportRows {
  readonly f: FieldReader;
  private readonly deviceIds = new Map<string, DeviceId>();
  private readonly devices = new Map<DeviceId, Device>();
  private readonly recIds = new Map<string, RecommendationId>();
  private readonly stamps = new Map<string, Instant>();
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
   * The row's device. Its name, platform and group are read from the first row naming it: the
   * export repeats them on every row of the device.
   */
  device(): DeviceId {
    const raw = this.f.string('deviceId');
    const known = this.deviceIds.get(raw);
    if (known !== undefined) return known;
    const id = this.f.parsed('deviceId', raw, deviceId);
    this.deviceIds.set(raw, id);
    if (!this.devices.has(id)) {
      this.devices.set(id, {
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
    return id;
  }

  /** The row's recommendation, or null (counted) when it refers to none. */
  recommendation(): RecommendationId | null {
    const raw = this.f.optString('recommendationReference');
    if (raw === null) {
      this.skipped++;
      return null;
    }
    let id = this.recIds.get(raw);
    if (id === undefined) {
      id = this.f.parsed('recommendationReference', raw, recommendationId);
      this.recIds.set(raw, id);
    }
    return id;
  }

  stamp(name: string): Instant | null {
    const raw = this.f.optString(name);
    if (raw === null) return null;
    let t = this.stamps.get(raw);
    if (t === undefined) {
      t = this.f.parsed(name, raw, instant);
      if (this.stamps.size >= STAMP_CACHE_LIMIT) this.stamps.clear();
      this.stamps.set(raw, t);
    }
    if (name === this.newestOf && (this.newest === null || t > this.newest)) this.newest = t;
    return t;
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
    return [...this.devices.values()];
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
