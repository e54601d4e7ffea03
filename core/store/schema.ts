import type { Dexie, Transaction } from 'dexie';

/**
 * One entry per schema version, oldest first. To change the schema, append an entry — never edit a
 * shipped one — giving only the tables that change (Dexie carries the others forward; `null` drops a
 * table) and, when existing rows must be rewritten, an `upgrade` that does it inside the version-change
 * transaction. `test/support/core/upgrade-harness.ts` proves each step on seeded rows.
 */
export interface SchemaVersion {
  readonly version: number;
  /** Dexie store specs: primary key first, then indexes (`&` unique, `*` multi-entry, `[a+b]` compound). */
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => PromiseLike<unknown> | undefined;
}

/**
 * Version 1. Notes on the choices:
 * - Primary keys sort as the canonical order (core/model/canonical-order.ts), so a table read back in
 *   key order needs no sort; events get a compound `[at+id]` index for the same reason.
 * - exposures has no separate `deviceId` index: the primary key `[deviceId+recommendationId]` already
 *   orders by device, and with a million rows every extra index is a measurable share of import time.
 * - activities `[status+dueOn]` answers "active and due before a day" with one key range. Attention-
 *   required activities have no `dueOn`, so IndexedDB leaves them out of both due-date indexes.
 * - activities `*groupScope` (stored, derived from `rbacGroupNames`): an activity with no groups covers
 *   all groups, and an empty array is invisible to a multi-entry index, so the row stores its groups or
 *   the ALL_GROUPS marker.
 * - events `*subjects` (stored, derived): `activity:<id>`, `task:<id>`, `exception:<id>`. One event can
 *   concern two subjects (a task status change belongs to the task and to its activity), which a single
 *   compound index cannot express; a multi-entry index of computed keys can.
 * Derived fields are written by `rows.ts` and stripped on read, so the domain types never see them.
 */
export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      recommendations: 'id',
      devices: 'id, rbacGroupName',
      exposures: '[deviceId+recommendationId], recommendationId',
      activities: 'id, status, dueOn, [status+dueOn], recommendationId, *groupScope, createdOn',
      activityDevices: '[activityId+deviceId], activityId, deviceId, state',
      tasks: 'id, activityId, status',
      exceptions: 'id, recommendationId',
      events: 'id, at, [at+id], *subjects',
      meta: 'key',
    },
  },
];

export const latestVersion = (versions: readonly SchemaVersion[]): number =>
  Math.max(...versions.map((v) => v.version));

/** Declare every version on a Dexie instance (before it opens). */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores({ ...v.stores });
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
