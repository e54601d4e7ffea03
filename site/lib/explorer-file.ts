/**
 * The explorer's data files: what the explorer island (site/components/explorer/) looks up,
 * written by the report from core's `deviceCoverage` (explorer-index.ts). Language-neutral, and
 * compact for 100,000 devices:
 * - `explorer/index.json`: names are interned once into arrays and everything else names them by
 *   their place; each device's activities and exceptions are index lists, packed with its state in
 *   the activity or the exception's status for it, laid end to end with a count per device.
 *   Devices are ordered by name, which gzip compresses best.
 * - `explorer/device-ids.txt`: the devices' ids, 40 hex characters each, end to end in the same
 *   order. Random hex does not compress: at 100,000 devices the ids are three quarters of the
 *   data, so the island fetches them only when a search looks like an id or a device is shown.
 * This module is imported by the island: types from core only, so none of core lands in the browser.
 */
import type {
  Activity,
  ActivityDeviceState,
  ActivityType,
  ExceptionStatus,
  Justification,
  Priority,
} from '../../core/index.ts';

export const EXPLORER_FILE = 'explorer/index.json';
export const EXPLORER_DEVICE_IDS = 'explorer/device-ids.txt';
/** Read by the island, which refuses another. */
export const EXPLORER_FORMAT = 1;
/** A device id's length (core's `deviceId`: 40 hex characters). */
export const DEVICE_ID_LENGTH = 40;

export interface ExplorerFile {
  readonly format: typeof EXPLORER_FORMAT;
  /** Device groups by name; an activity, exception or device names one by its place here. */
  readonly groups: readonly string[];
  /** The values the entries below number, in core's order: the filter offers them so. */
  readonly activityStatuses: readonly Activity['status'][];
  readonly activityTypes: readonly ActivityType[];
  readonly priorities: readonly Priority[];
  readonly deviceStates: readonly ActivityDeviceState[];
  readonly exceptionStatuses: readonly ExceptionStatus[];
  readonly recommendations: {
    readonly ids: readonly string[];
    readonly names: readonly string[];
    /** Where each is listed, from a language's home (`recommendations/page/2/#rec-…`). */
    readonly paths: readonly string[];
  };
  /** Most urgent first, as the activities list orders them. */
  readonly activities: {
    readonly titles: readonly string[];
    /** The activity's address under a language's `activities/`. */
    readonly slugs: readonly string[];
    /** Places in activityStatuses, activityTypes, priorities. */
    readonly status: readonly number[];
    readonly type: readonly number[];
    readonly priority: readonly number[];
    /** Its device groups; none is every group. */
    readonly groups: readonly (readonly number[])[];
    /** Its recommendation's place, or -1. */
    readonly recommendation: readonly number[];
    /** Its due date (a calendar day), or null. */
    readonly due: readonly (string | null)[];
  };
  readonly exceptions: {
    readonly recommendation: readonly number[];
    readonly justification: readonly Justification[];
    /** The exception's own status (R-EXC-3/4); a device's entry says its status for that device. */
    readonly status: readonly ExceptionStatus[];
    /** Its groups, or null for global (R-EXC-2). */
    readonly groups: readonly (readonly number[] | null)[];
    /** Its last day in effect. */
    readonly expires: readonly string[];
  };
  readonly devices: {
    /** By name; '' for a device the device list lacks (its id says which). */
    readonly names: readonly string[];
    readonly group: readonly number[];
    /** How many of `activityEntries` are each device's, in order. */
    readonly activityCounts: readonly number[];
    /** activity × deviceStates.length + state. */
    readonly activityEntries: readonly number[];
    readonly exceptionCounts: readonly number[];
    /** (exception × exceptionStatuses.length + status) × 2 + (1 when its scope covers the device's group). */
    readonly exceptionEntries: readonly number[];
  };
}

/** One activity that targets a device, by its place in the file. */
export interface ActivityEntry {
  readonly activity: number;
  readonly state: ActivityDeviceState;
}

/** One exception of a device's recommendations, by its place in the file. */
export interface ExceptionEntry {
  readonly exception: number;
  readonly status: ExceptionStatus;
  readonly coversGroup: boolean;
}

export const packActivity = (f: Pick<ExplorerFile, 'deviceStates'>, e: ActivityEntry): number =>
  e.activity * f.deviceStates.length + f.deviceStates.indexOf(e.state);

export const packException = (f: Pick<ExplorerFile, 'exceptionStatuses'>, e: ExceptionEntry): number =>
  (e.exception * f.exceptionStatuses.length + f.exceptionStatuses.indexOf(e.status)) * 2 +
  (e.coversGroup ? 1 : 0);

/** A packed entry's value; a number outside the file's list is a broken file, said so. */
function valueAt<T>(list: readonly T[], n: number): T {
  const value = list[n];
  if (value === undefined) throw new Error(`${EXPLORER_FILE}: an entry numbers no value (${n})`);
  return value;
}

/** Where each device's entries start in a list laid end to end, from the counts. */
function starts(counts: readonly number[]): Uint32Array {
  const out = new Uint32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) out[i + 1] = (out[i] ?? 0) + (counts[i] ?? 0);
  return out;
}

/** A device's id in the ids file, by the device's place. */
export const deviceIdAt = (ids: string, device: number): string =>
  ids.slice(device * DEVICE_ID_LENGTH, (device + 1) * DEVICE_ID_LENGTH);

/** The explorer file, read: each device's entries unpacked on demand. */
export interface ExplorerData {
  readonly file: ExplorerFile;
  activitiesOf(device: number): ActivityEntry[];
  exceptionsOf(device: number): ExceptionEntry[];
}

/** Reads a fetched explorer file; null when it is not one this code reads. */
export function readExplorerFile(json: unknown): ExplorerData | null {
  const file = json as ExplorerFile | null;
  if (file?.format !== EXPLORER_FORMAT) return null;
  const { devices, deviceStates, exceptionStatuses } = file;
  const activityStarts = starts(devices.activityCounts);
  const exceptionStarts = starts(devices.exceptionCounts);
  const entries = (list: readonly number[], at: Uint32Array, device: number) =>
    list.slice(at[device], at[device + 1]);
  return {
    file,
    activitiesOf: (device) =>
      entries(devices.activityEntries, activityStarts, device).map((n) => ({
        activity: Math.floor(n / deviceStates.length),
        state: valueAt(deviceStates, n % deviceStates.length),
      })),
    exceptionsOf: (device) =>
      entries(devices.exceptionEntries, exceptionStarts, device).map((n) => {
        const packed = Math.floor(n / 2);
        return {
          exception: Math.floor(packed / exceptionStatuses.length),
          status: valueAt(exceptionStatuses, packed % exceptionStatuses.length),
          coversGroup: n % 2 === 1,
        };
      }),
  };
}
