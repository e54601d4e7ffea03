import type { ActivityDevice } from './activity.ts';
import type { AuditEvent } from './audit-event.ts';
import type { Exposure } from './exposure.ts';
import type { State } from './state.ts';

/**
 * The one order every table is kept in, so equal states serialise identically (snapshots diff well)
 * and the store, the snapshot codec and `applyChanges` agree row for row. Strings compare by UTF-16
 * code unit, not by locale: that is deterministic everywhere and is also IndexedDB's key order, so
 * the store can read rows back in primary-key order without sorting.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const byId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  compareText(a.id, b.id);

const byExposureKey = (
  a: Pick<Exposure, 'deviceId' | 'recommendationId'>,
  b: Pick<Exposure, 'deviceId' | 'recommendationId'>,
): number => compareText(a.deviceId, b.deviceId) || compareText(a.recommendationId, b.recommendationId);

const byActivityDeviceKey = (
  a: Pick<ActivityDevice, 'activityId' | 'deviceId'>,
  b: Pick<ActivityDevice, 'activityId' | 'deviceId'>,
): number => compareText(a.activityId, b.activityId) || compareText(a.deviceId, b.deviceId);

/** Events in the order they happened; the id breaks ties between events of the same moment. */
export const byEventTime = (a: Pick<AuditEvent, 'at' | 'id'>, b: Pick<AuditEvent, 'at' | 'id'>): number =>
  compareText(a.at, b.at) || compareText(a.id, b.id);

/** The comparator of each State table. */
export const canonicalOrder = {
  recommendations: byId,
  devices: byId,
  exposures: byExposureKey,
  activities: byId,
  activityDevices: byActivityDeviceKey,
  tasks: byId,
  exceptions: byId,
  events: byEventTime,
} as const satisfies { readonly [K in keyof State]: (a: State[K][number], b: State[K][number]) => number };

export function isSorted<T>(rows: readonly T[], compare: (a: T, b: T) => number): boolean {
  let prev: T | undefined;
  let first = true;
  for (const row of rows) {
    if (!first && compare(prev as T, row) > 0) return false;
    prev = row;
    first = false;
  }
  return true;
}

/** Sorted copy, or the same array when it is already in order (no copy for the common case). */
export function sortedBy<T>(rows: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  return isSorted(rows, compare) ? rows : [...rows].sort(compare);
}

/**
 * The state with every table in canonical order: the order the store reads back, `applyChanges`
 * keeps and snapshot files are written in. Lists inside a row (tags, groups) keep their order:
 * they are data.
 */
export const canonicalState = (s: State): State => ({
  recommendations: sortedBy(s.recommendations, canonicalOrder.recommendations),
  devices: sortedBy(s.devices, canonicalOrder.devices),
  exposures: sortedBy(s.exposures, canonicalOrder.exposures),
  activities: sortedBy(s.activities, canonicalOrder.activities),
  activityDevices: sortedBy(s.activityDevices, canonicalOrder.activityDevices),
  tasks: sortedBy(s.tasks, canonicalOrder.tasks),
  exceptions: sortedBy(s.exceptions, canonicalOrder.exceptions),
  events: sortedBy(s.events, canonicalOrder.events),
});
