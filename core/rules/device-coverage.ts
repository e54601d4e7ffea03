import type { ActivityDevice } from '../model/activity.ts';
import { compareText } from '../model/canonical-order.ts';
import type { Device } from '../model/device.ts';
import type { ExceptionStatus, RemediationException } from '../model/exception.ts';
import {
  type DeviceGroupName,
  type DeviceId,
  type ExceptionId,
  type RecommendationId,
  UNASSIGNED_GROUP,
} from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { exceptionStatuses } from './exception-status.ts';

/**
 * One activity that targets a device (R-REQ-3), and where the device stands in it (R-PROG-1): the
 * activity's row for the device, as the state holds it.
 */
export type ActivityCoverage = Pick<ActivityDevice, 'activityId' | 'state'>;

/** One exception of a recommendation the device is exposed to or targeted for. */
export interface ExceptionCoverage {
  readonly exceptionId: ExceptionId;
  /** R-EXC-2: whether its scope (global, or its groups) takes in the device's group. */
  readonly coversGroup: boolean;
  /**
   * R-EXC-3/4: its status for the device's group: a group canceled alone is Canceled there; any
   * other device sees the exception's own status.
   */
  readonly status: ExceptionStatus;
}

export interface DeviceCoverage {
  readonly deviceId: DeviceId;
  /** Its name in the device list; null for a device known only from activities or exposures. */
  readonly name: string | null;
  /** Its group in the device list, UnassignedGroup when the list lacks it (as R-EXC-5 counts it). */
  readonly group: DeviceGroupName;
  /** By activity id: the device's rows of the activities that target it. */
  readonly activities: readonly ActivityCoverage[];
  /** By exception id. */
  readonly exceptions: readonly ExceptionCoverage[];
}

/** Adds `value` to the list under `key`. */
function add<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

type StatusFor = (group: DeviceGroupName) => ExceptionStatus;

/** An exception's status for a device's group (R-EXC-4), made once per exception, not per device. */
function statusForGroup(exc: RemediationException, whole: ExceptionStatus): StatusFor {
  if (exc.scope.kind === 'global') return () => whole;
  const canceled = new Set(exc.canceledGroups.map((c) => c.group));
  return (group) => (canceled.has(group) ? 'Canceled' : whole);
}

/**
 * What covers each device at `now`, by device id: every device of the device list, and every
 * device an activity row or an exposure names without it.
 *
 * - R-REQ-3: an activity covers the devices it targets, its device rows; the vendor's counts-only
 *   activities name none and cover no device here.
 * - R-EXC-2: the exceptions of a device are those of the recommendations it is exposed to or that
 *   an activity targeting it remediates; each says whether its scope (global: every group; else
 *   its groups) takes in the device's group, so an exception of another group shows as not covering.
 * - R-EXC-3/4: each with its status at `now` (a global one in effect suspends the group ones; a
 *   group canceled alone is Canceled for its devices).
 */
export function deviceCoverage(state: State, now: Instant): readonly DeviceCoverage[] {
  const statuses = exceptionStatuses(state.exceptions, now);
  const exceptionsOf = new Map<RecommendationId, { exc: RemediationException; statusFor: StatusFor }[]>();
  for (const exc of state.exceptions) {
    const whole = statuses.get(exc.id);
    if (whole) add(exceptionsOf, exc.recommendationId, { exc, statusFor: statusForGroup(exc, whole) });
  }
  // One entry per device, found once per row that names it: at 100,000 devices, looking each
  // device up in a map per thing it has was most of the time. Most devices have one activity or
  // none and no exception: their lists are made only when something is put in them.
  const entries = new Map<DeviceId, Entry>();
  for (const device of state.devices) {
    entries.set(device.id, { deviceId: device.id, device, rows: null, recommendations: null });
  }
  const entryOf = (deviceId: DeviceId): Entry => {
    let entry = entries.get(deviceId);
    if (entry === undefined) {
      entry = { deviceId, device: undefined, rows: null, recommendations: null };
      entries.set(deviceId, entry);
    }
    return entry;
  };
  // Only a recommendation with an exception brings one to a device: the others are not collected.
  const withExceptions = (entry: Entry, rec: RecommendationId | null | undefined) => {
    if (rec == null || !exceptionsOf.has(rec)) return;
    if (entry.recommendations === null) entry.recommendations = [rec];
    else if (!entry.recommendations.includes(rec)) entry.recommendations.push(rec);
  };
  const recommendationOf = new Map(state.activities.map((a) => [a.id, a.recommendationId]));
  for (const r of state.activityDevices) {
    const entry = entryOf(r.deviceId);
    if (entry.rows === null) entry.rows = [r];
    else entry.rows.push(r);
    withExceptions(entry, recommendationOf.get(r.activityId));
  }
  for (const x of state.exposures) withExceptions(entryOf(x.deviceId), x.recommendationId);

  return [...entries.values()]
    .sort((a, b) => compareText(a.deviceId, b.deviceId))
    .map(({ deviceId, device, rows, recommendations }) => {
      const group = device?.rbacGroupName ?? UNASSIGNED_GROUP;
      let exceptions: ExceptionCoverage[] | null = null;
      for (const rec of recommendations ?? NONE) {
        for (const { exc, statusFor } of exceptionsOf.get(rec) ?? NONE) {
          const coversGroup = exc.scope.kind === 'global' || exc.scope.groups.includes(group);
          const entry = { exceptionId: exc.id, coversGroup, status: statusFor(group) };
          if (exceptions === null) exceptions = [entry];
          else exceptions.push(entry);
        }
      }
      return {
        deviceId,
        name: device?.computerDnsName ?? null,
        group,
        activities: rows === null ? NONE : rows.length > 1 ? rows.sort(byActivity) : rows,
        exceptions: exceptions === null ? NONE : exceptions.sort(byException),
      };
    });
}

/** The list of a device that has nothing in it: one, shared (lists handed out are read-only). */
const NONE: readonly never[] = Object.freeze([]);

const byActivity = (a: ActivityCoverage, b: ActivityCoverage) => compareText(a.activityId, b.activityId);
const byException = (a: ExceptionCoverage, b: ExceptionCoverage) => compareText(a.exceptionId, b.exceptionId);

/** What deviceCoverage gathers of one device while it reads the state. */
interface Entry {
  readonly deviceId: DeviceId;
  readonly device: Device | undefined;
  rows: ActivityCoverage[] | null;
  /** The recommendations with exceptions that it is exposed to or targeted for, each once. */
  recommendations: RecommendationId[] | null;
}
