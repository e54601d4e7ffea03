import { Dexie, type Table } from 'dexie';
import type { Activity, ActivityDevice, ActivityStatus, ActivityType } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import { byEventTime, byId } from '../model/canonical-order.ts';
import type { Device } from '../model/device.ts';
import type { RemediationException } from '../model/exception.ts';
import type { Exposure } from '../model/exposure.ts';
import type { ActivityId, DeviceGroupName, RecommendationId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { Recommendation } from '../model/recommendation.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { CalendarDate } from '../model/time.ts';
import {
  type ActivityRow,
  ALL_GROUPS,
  type EventRow,
  type EventSubject,
  fromActivityRow,
  fromEventRow,
  toActivityRow,
  toEventRow,
} from './rows.ts';
import { declareSchema, SCHEMA, type SchemaVersion } from './schema.ts';
import {
  changeSetProblems,
  type StoreProblem,
  StoreValidationError,
  taskOwnerProblems,
} from './validate-changes.ts';

export const DEFAULT_STORE_NAME = 'remdesk';

export interface StoreOptions {
  readonly name?: string;
  /** The IndexedDB to use; defaults to the global one (browser page or extension service worker). */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /** The schema versions; only upgrade tests pass their own. */
  readonly schema?: readonly SchemaVersion[];
}

export type StoreCounts = { readonly [K in keyof State]: number };

export interface RemdeskStore {
  /**
   * Commit a ChangeSet in one readwrite transaction, with `applyChanges`' semantics: the rows and the
   * audit events explaining them land together or not at all (R-HIST-1). Rows are checked first and a
   * refused ChangeSet throws StoreValidationError having written nothing.
   */
  commit(cs: ChangeSet): Promise<void>;
  /**
   * Commit ChangeSets in order, all in one readwrite transaction: each is checked against what the
   * ones before it wrote, and a refused one aborts them all (an import of several files).
   */
  commitAll(sets: readonly ChangeSet[]): Promise<void>;
  /** Everything, in canonical order, read in one transaction. */
  loadState(): Promise<State>;
  /** Replace all data with a snapshot (plus events recording the import) in one transaction. Meta stays. */
  /**
   * Replace everything with `state` (plus `events`), and set the `meta` entries given, in one
   * transaction: the data and what is known of it never disagree.
   */
  replaceState(
    state: State,
    events?: readonly AuditEvent[],
    meta?: Readonly<Record<string, unknown>>,
  ): Promise<void>;
  /** By id. */
  activitiesByStatus(status: ActivityStatus['status']): Promise<Activity[]>;
  /** Active activities due before `day` (R-DUE-1 candidates), earliest due date first. */
  activitiesDueBefore(day: CalendarDate): Promise<Activity[]>;
  /** By id. */
  activitiesForRecommendation(id: RecommendationId): Promise<Activity[]>;
  /** Activities that apply to a device group: those naming it and those covering all groups. By id. */
  activitiesForGroup(group: DeviceGroupName): Promise<Activity[]>;
  /** By device id. */
  activityDevices(activityId: ActivityId): Promise<ActivityDevice[]>;
  /** By id. */
  exceptionsForRecommendation(id: RecommendationId): Promise<RemediationException[]>;
  /** The history of an activity, task or exception, oldest first. See `subjectsOf`. */
  eventsFor(subject: EventSubject): Promise<AuditEvent[]>;
  counts(): Promise<StoreCounts>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;
  /** Delete the whole database. */
  delete(): Promise<void>;
}

interface Tables {
  readonly recommendations: Table<Recommendation, string>;
  readonly devices: Table<Device, string>;
  readonly exposures: Table<Exposure, [string, string]>;
  readonly activities: Table<ActivityRow, string>;
  readonly activityDevices: Table<ActivityDevice, [string, string]>;
  readonly tasks: Table<IntuneTask, string>;
  readonly exceptions: Table<RemediationException, string>;
  readonly events: Table<EventRow, string>;
  readonly meta: Table<{ readonly key: string; readonly value: unknown }, string>;
}
type StateTable = keyof State;
const STATE_TABLES: readonly StateTable[] = [
  'recommendations',
  'devices',
  'exposures',
  'activities',
  'activityDevices',
  'tasks',
  'exceptions',
  'events',
];

/** Rows per bulkPut call: big imports go in pieces, all inside the one transaction. */
const CHUNK = 10_000;

export async function openStore(opts: StoreOptions = {}): Promise<RemdeskStore> {
  const db = new Dexie(opts.name ?? DEFAULT_STORE_NAME, {
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
  });
  declareSchema(db, opts.schema ?? SCHEMA);
  await db.open();
  const t: Tables = {
    recommendations: db.table('recommendations'),
    devices: db.table('devices'),
    exposures: db.table('exposures'),
    activities: db.table('activities'),
    activityDevices: db.table('activityDevices'),
    tasks: db.table('tasks'),
    exceptions: db.table('exceptions'),
    events: db.table('events'),
    meta: db.table('meta'),
  };

  /** The checks that read stored rows; run inside the write transaction so they see what it changes. */
  async function storedProblems(cs: ChangeSet): Promise<StoreProblem[]> {
    const put = cs.put ?? {};
    const deletedActivities = new Set<string>(cs.delete?.activities ?? []);
    const putTypes = new Map<string, ActivityType>();
    for (const a of put.activities ?? []) putTypes.set(a.id, a.type);

    const unknownOwners = [...new Set((put.tasks ?? []).map((x) => x.activityId))].filter(
      (id) => !putTypes.has(id) && !deletedActivities.has(id),
    );
    // Only read tables the transaction holds: a commit without tasks or activities does not lock them.
    const storedOwners = unknownOwners.length > 0 ? await t.activities.bulkGet(unknownOwners) : [];
    const storedTypes = new Map<string, ActivityType>(
      storedOwners.flatMap((a) => (a ? [[a.id, a.type] as const] : [])),
    );
    const livePutTasks = (put.tasks ?? []).filter((x) => !deletedActivities.has(x.activityId));
    const problems = taskOwnerProblems(livePutTasks, (id) => putTypes.get(id) ?? storedTypes.get(id));

    const attentionIds = [...putTypes].filter(
      ([id, type]) => type === 'AttentionRequired' && !deletedActivities.has(id),
    );
    if (attentionIds.length > 0) {
      const replacedTasks = new Set<string>([
        ...(cs.delete?.tasks ?? []),
        ...(put.tasks ?? []).map((x) => x.id),
      ]);
      const stored = await t.tasks
        .where('activityId')
        .anyOf(attentionIds.map(([id]) => id))
        .toArray();
      problems.push(
        ...taskOwnerProblems(
          stored.filter((x) => !replacedTasks.has(x.id)),
          () => 'AttentionRequired',
        ),
      );
    }

    if (cs.events.length > 0) {
      const deletedEvents = new Set<string>(cs.delete?.events ?? []);
      const taken = await t.events.bulkGet(cs.events.map((e) => e.id));
      for (const e of taken) {
        if (e && !deletedEvents.has(e.id))
          problems.push({
            table: 'events',
            key: e.id,
            field: 'id',
            message: 'is already recorded (history is append-only)',
          });
      }
    }
    return problems;
  }

  async function write(cs: ChangeSet): Promise<void> {
    const put = cs.put ?? {};
    const del = cs.delete ?? {};
    if (cs.replaceAllExposures) await t.exposures.clear();
    await putChunked(t.recommendations, put.recommendations);
    await putChunked(t.devices, put.devices);
    await putChunked(t.exposures, put.exposures);
    await putChunked(t.activities, put.activities, toActivityRow);
    await putChunked(t.activityDevices, put.activityDevices);
    await putChunked(t.tasks, put.tasks);
    await putChunked(t.exceptions, put.exceptions);

    if (del.exposures?.length)
      await t.exposures.bulkDelete(del.exposures.map((e) => [e.deviceId, e.recommendationId]));
    if (del.activities?.length) {
      await t.activities.bulkDelete([...del.activities]);
      await t.activityDevices.where('activityId').anyOf(del.activities).delete();
      await t.tasks.where('activityId').anyOf(del.activities).delete();
    }
    if (del.activityDevices?.length)
      await t.activityDevices.bulkDelete(del.activityDevices.map((d) => [d.activityId, d.deviceId]));
    if (del.tasks?.length) await t.tasks.bulkDelete([...del.tasks]);
    if (del.exceptions?.length) await t.exceptions.bulkDelete([...del.exceptions]);
    if (del.events?.length) await t.events.bulkDelete([...del.events]);
    // add, not put: an event is never replaced (R-HIST-1).
    for (let i = 0; i < cs.events.length; i += CHUNK)
      await t.events.bulkAdd(cs.events.slice(i, i + CHUNK).map(toEventRow));
  }

  async function checkedWrite(
    sets: readonly ChangeSet[],
    tables: readonly StateTable[],
    clearFirst: boolean,
    meta: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    const early = sets.flatMap(changeSetProblems);
    if (early.length > 0) throw new StoreValidationError(early);
    // IndexedDB refuses a transaction over no tables; a ChangeSet that touches none has nothing to do.
    if (tables.length === 0) return;
    const metaEntries = Object.entries(meta);
    await db.transaction(
      'rw',
      [...tables.map((n) => t[n]), ...(metaEntries.length > 0 ? [t.meta] : [])],
      async () => {
        if (clearFirst) for (const n of tables) await t[n].clear();
        for (const cs of sets) {
          const late = await storedProblems(cs);
          if (late.length > 0) throw new StoreValidationError(late);
          await write(cs);
        }
        for (const [key, value] of metaEntries) await t.meta.put({ key, value });
      },
    );
  }

  const activities = async (rows: Promise<ActivityRow[]>): Promise<Activity[]> =>
    (await rows).map(fromActivityRow);

  return {
    commit: (cs) => checkedWrite([cs], tablesTouched(cs), false),
    commitAll: (sets) => checkedWrite(sets, [...new Set(sets.flatMap(tablesTouched))], false),

    async loadState() {
      return db.transaction(
        'r',
        STATE_TABLES.map((n) => t[n]),
        async () => ({
          recommendations: await t.recommendations.toArray(),
          devices: await t.devices.toArray(),
          exposures: await t.exposures.toArray(),
          activities: await activities(t.activities.toArray()),
          activityDevices: await t.activityDevices.toArray(),
          tasks: await t.tasks.toArray(),
          exceptions: await t.exceptions.toArray(),
          events: (await t.events.orderBy('[at+id]').toArray()).map(fromEventRow),
        }),
      );
    },

    replaceState: (state, events = [], meta = {}) =>
      checkedWrite(
        [
          {
            put: {
              recommendations: state.recommendations,
              devices: state.devices,
              exposures: state.exposures,
              activities: state.activities,
              activityDevices: state.activityDevices,
              tasks: state.tasks,
              exceptions: state.exceptions,
            },
            events: [...state.events, ...events],
          },
        ],
        STATE_TABLES,
        true,
        meta,
      ),

    activitiesByStatus: (status) => activities(t.activities.where('status').equals(status).toArray()),
    activitiesDueBefore: (day) =>
      activities(
        t.activities
          .where('[status+dueOn]')
          .between(['Active', Dexie.minKey], ['Active', day], true, false)
          .toArray(),
      ),
    activitiesForRecommendation: (id) =>
      activities(t.activities.where('recommendationId').equals(id).toArray()),
    async activitiesForGroup(group) {
      const rows = await t.activities.where('groupScope').anyOf([group, ALL_GROUPS]).distinct().toArray();
      return rows.map(fromActivityRow).sort(byId);
    },
    activityDevices: (activityId) => t.activityDevices.where('activityId').equals(activityId).toArray(),
    exceptionsForRecommendation: (id) => t.exceptions.where('recommendationId').equals(id).toArray(),
    async eventsFor(subject) {
      return (await t.events.where('subjects').equals(subject).toArray()).map(fromEventRow).sort(byEventTime);
    },

    async counts() {
      return db.transaction(
        'r',
        STATE_TABLES.map((n) => t[n]),
        async () => {
          const counts: Partial<Record<StateTable, number>> = {};
          for (const n of STATE_TABLES) counts[n] = await t[n].count();
          return counts as StoreCounts;
        },
      );
    },

    async getMeta<T>(key: string) {
      return (await t.meta.get(key))?.value as T | undefined;
    },
    async setMeta(key, value) {
      await t.meta.put({ key, value });
    },
    close: () => db.close(),
    delete: () => db.delete(),
  };
}

/** The tables a commit writes, or reads to check (tasks and activities check each other). */
function tablesTouched(cs: ChangeSet): StateTable[] {
  const touched = new Set<StateTable>();
  for (const [name, rows] of Object.entries(cs.put ?? {})) if (rows?.length) touched.add(name as StateTable);
  for (const [name, keys] of Object.entries(cs.delete ?? {}))
    if (keys?.length) touched.add(name as StateTable);
  if (cs.replaceAllExposures) touched.add('exposures');
  if (cs.events.length > 0) touched.add('events');
  if (cs.delete?.activities?.length) {
    touched.add('activityDevices');
    touched.add('tasks');
  }
  if (touched.has('tasks') || touched.has('activities')) {
    touched.add('tasks');
    touched.add('activities');
  }
  return STATE_TABLES.filter((n) => touched.has(n));
}

async function putChunked<R, S, K>(table: Table<S, K>, rows: readonly R[] | undefined, toRow?: (r: R) => S) {
  if (!rows) return;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await table.bulkPut(toRow ? chunk.map(toRow) : (chunk as unknown as S[]));
  }
}
