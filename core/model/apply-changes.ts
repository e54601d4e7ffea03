import type { ActivityDevice } from './activity.ts';
import type { AuditEvent } from './audit-event.ts';
import { canonicalOrder, sortedBy } from './canonical-order.ts';
import type { Exposure } from './exposure.ts';
import type { ActivityId } from './ids.ts';
import type { IntuneTask } from './intune-task.ts';
import type { ChangeSet, State } from './state.ts';

// Ids never contain control characters (ids.ts refuses them), so NUL cannot collide inside a pair key.
export const exposureKey = (e: Pick<Exposure, 'deviceId' | 'recommendationId'>): string =>
  `${e.deviceId}\u0000${e.recommendationId}`;
export const activityDeviceKey = (d: Pick<ActivityDevice, 'activityId' | 'deviceId'>): string =>
  `${d.activityId}\u0000${d.deviceId}`;

/** Thrown when a ChangeSet appends an event whose id is already taken: the history is append-only. */
export class DuplicateEventError extends Error {
  override readonly name = 'DuplicateEventError';
}

/**
 * Commit a ChangeSet to an in-memory State, with the store's semantics exactly: `replaceAllExposures`
 * first, then puts (replace by key; within one list the last row for a key wins), then deletes
 * (deleting an activity also deletes its device rows and its tasks, including ones put by the same
 * ChangeSet), then event deletes, then the new events are appended. Validation of row contents
 * (R-ATTN-1 and friends) is the store's job; this assumes rows that passed it.
 *
 * Cost is linear in the size of the touched tables plus k·log k for k changed rows: untouched tables
 * are returned as they are, and changed ones are merged into the already sorted rows.
 */
export function applyChanges(state: State, cs: ChangeSet): State {
  const put = cs.put ?? {};
  const del = cs.delete ?? {};
  const deletedActivities = new Set<ActivityId>(del.activities ?? []);
  const cascades = deletedActivities.size > 0;

  return {
    recommendations: applyTable(state.recommendations, put.recommendations, byIdDeleted(), 'recommendations'),
    devices: applyTable(state.devices, put.devices, byIdDeleted(), 'devices'),
    exposures: applyTable(
      cs.replaceAllExposures ? [] : state.exposures,
      put.exposures,
      keyDeleted(exposureKey, del.exposures?.map(exposureKey)),
      'exposures',
    ),
    activities: applyTable(state.activities, put.activities, byIdDeleted(del.activities), 'activities'),
    activityDevices: applyTable(
      state.activityDevices,
      put.activityDevices,
      withCascade(keyDeleted(activityDeviceKey, del.activityDevices?.map(activityDeviceKey)), cascades),
      'activityDevices',
    ),
    tasks: applyTable(
      state.tasks,
      put.tasks,
      withCascade<IntuneTask>(byIdDeleted(del.tasks), cascades),
      'tasks',
    ),
    exceptions: applyTable(state.exceptions, put.exceptions, byIdDeleted(del.exceptions), 'exceptions'),
    events: appendEvents(state.events, del.events ?? [], cs.events),
  };

  function withCascade<T extends { readonly activityId: ActivityId }>(
    deleted: Deleted<T>,
    on: boolean,
  ): Deleted<T> {
    if (!on) return deleted;
    return {
      touched: true,
      key: deleted.key,
      isDeleted: (row, key) => deletedActivities.has(row.activityId) || deleted.isDeleted(row, key),
    };
  }
}

/** How a table's rows are keyed and which are deleted. `touched` false means nothing is deleted. */
interface Deleted<T> {
  readonly touched: boolean;
  readonly key: (row: T) => string;
  readonly isDeleted: (row: T, key: string) => boolean;
}

function keyDeleted<T>(key: (row: T) => string, keys: readonly string[] | undefined): Deleted<T> {
  const set = new Set(keys ?? []);
  return { touched: set.size > 0, key, isDeleted: (_row, k) => set.has(k) };
}

const byIdDeleted = (ids?: readonly string[]): Deleted<{ readonly id: string }> =>
  keyDeleted((row) => row.id, ids);

type RowTable = Exclude<keyof State, 'events'>;

function applyTable<K extends RowTable>(
  rows: State[K],
  puts: State[K] | undefined,
  deleted: Deleted<State[K][number]>,
  table: K,
): State[K] {
  type T = State[K][number];
  // Every table's order is its key's, so equal keys compare 0: the rows put are sorted, the last of
  // a key kept, and merged into the sorted rows, a put replacing the row of its key. No map of keys
  // is made: a full exposure export puts a million rows.
  const compare = canonicalOrder[table] as (a: T, b: T) => number;
  if ((puts === undefined || puts.length === 0) && !deleted.touched) return rows;
  const gone = (row: T): boolean => deleted.touched && deleted.isDeleted(row, deleted.key(row));
  const sortedPuts = [...(puts ?? [])].sort(compare); // stable: a key's rows keep the order put
  const added: T[] = [];
  for (let i = 0; i < sortedPuts.length; i++) {
    const row = sortedPuts[i] as T;
    const next = sortedPuts[i + 1];
    if ((next === undefined || compare(row, next) !== 0) && !gone(row)) added.push(row);
  }
  const base = sortedBy(rows as readonly T[], compare);
  return mergeReplacing(base, added, compare, deleted.touched ? gone : null) as State[K];
}

/**
 * Two sorted arrays as one, a row of `b` replacing the row of `a` with its key; rows of `a` that
 * `gone` says are deleted are left out. The common cases — nothing of `a` replaced or deleted, new
 * rows after the old — are plain copies.
 */
function mergeReplacing<T>(
  a: readonly T[],
  b: readonly T[],
  compare: (x: T, y: T) => number,
  gone: ((row: T) => boolean) | null,
): readonly T[] {
  const lastA = a[a.length - 1];
  const firstB = b[0];
  if (gone === null && (lastA === undefined || (firstB !== undefined && compare(lastA, firstB) < 0)))
    return b.length === 0 ? a : [...a, ...b];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    const c = compare(x, y);
    if (c < 0) {
      if (gone === null || !gone(x)) out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
      if (c === 0) i++;
    }
  }
  for (; i < a.length; i++) if (gone === null || !gone(a[i] as T)) out.push(a[i] as T);
  for (; j < b.length; j++) out.push(b[j] as T);
  return out;
}

function appendEvents(
  events: readonly AuditEvent[],
  deleteIds: readonly string[],
  added: readonly AuditEvent[],
): readonly AuditEvent[] {
  if (deleteIds.length === 0 && added.length === 0) return events;
  const gone = new Set(deleteIds);
  const kept = gone.size > 0 ? events.filter((e) => !gone.has(e.id)) : events;
  const taken = new Set(kept.map((e) => e.id));
  for (const e of added) {
    if (taken.has(e.id)) throw new DuplicateEventError(`event id "${e.id}" is already recorded`);
    taken.add(e.id);
  }
  return merge(
    sortedBy(kept, canonicalOrder.events),
    [...added].sort(canonicalOrder.events),
    canonicalOrder.events,
  );
}

/** Merge two sorted arrays; the common case (new rows sort after the old) is a plain concatenation. */
function merge<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): readonly T[] {
  if (b.length === 0) return a;
  const lastA = a[a.length - 1];
  const firstB = b[0];
  if (lastA === undefined || (firstB !== undefined && compare(lastA, firstB) <= 0)) return [...a, ...b];
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (compare(x, y) <= 0) {
      out[n++] = x;
      i++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++] as T;
  while (j < b.length) out[n++] = b[j++] as T;
  return out;
}
