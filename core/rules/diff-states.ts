import { type Activity, type Completion, isTracked } from '../model/activity.ts';
import { compareText } from '../model/canonical-order.ts';
import type { UserChangeType } from '../model/change-bundle.ts';
import type {
  ActivityId,
  DeviceGroupName,
  DeviceId,
  Email,
  ExceptionId,
  RecommendationId,
  TaskId,
} from '../model/ids.ts';
import type { TaskStatus } from '../model/intune-task.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { isUserChange } from './changes-in-history.ts';
import { exceptionStatuses } from './exception-status.ts';
import { completedBetween } from './summarize.ts';

export interface ProgressChange {
  readonly activityId: ActivityId;
  readonly targetDevices: number;
  readonly fixedBefore: number;
  readonly fixedAfter: number;
}

export interface DeviceChanges {
  readonly count: number;
  readonly deviceIds: readonly DeviceId[];
}

export interface ExposureChanges {
  readonly recommendationId: RecommendationId;
  /** Exposed after, not before. */
  readonly newlyExposed: DeviceChanges;
  /** Exposed before, not after. */
  readonly fixed: DeviceChanges;
}

export interface CompletedActivity {
  readonly activityId: ActivityId;
  readonly method: Completion['method'];
}

export interface RemovedActivity {
  readonly activityId: ActivityId;
  readonly cause: 'retention' | 'unrecorded';
}

/** One admin's changes new in `after` (R-MERGE-1: what was merged, and from whom), counted by type. */
export interface ChangesBy {
  readonly actor: Email;
  readonly counts: Readonly<Partial<Record<UserChangeType, number>>>;
}

/**
 * What changed between two states (e.g. two archived snapshots). Plain JSON; every list sorted by
 * id so the same pair of states always gives the same text.
 */
export interface StateDiff {
  readonly activities: {
    readonly created: readonly ActivityId[];
    /**
     * Completed in the period (nowBefore, nowAfter], by their completion time: `completedBetween`,
     * the site's "completed since the previous snapshot". An activity that arrives already completed
     * counts when its completion falls in the period.
     */
    readonly completed: readonly CompletedActivity[];
    /**
     * Completed after, not before, but completed at or before `nowBefore`: a completion learned of
     * late (an import of older vendor records), which belongs to an earlier period.
     */
    readonly completedEarlier: readonly CompletedActivity[];
    /** Gone from `after`, and why: retention when the history records it, else unrecorded. */
    readonly removed: readonly RemovedActivity[];
    /** Tracked activities in both states whose fixed count changed. */
    readonly progress: readonly ProgressChange[];
  };
  /** Tasks whose status differs; `from` is null for a new task. */
  readonly tasks: readonly {
    readonly taskId: TaskId;
    readonly activityId: ActivityId;
    readonly from: TaskStatus | null;
    readonly to: TaskStatus;
  }[];
  readonly exceptions: {
    readonly added: readonly ExceptionId[];
    /** Not Expired at `nowBefore` in `before` (or absent), Expired at `nowAfter` in `after`. */
    readonly expired: readonly ExceptionId[];
    /** Whole cancellations (group null) and single groups newly canceled. */
    readonly canceled: readonly {
      readonly exceptionId: ExceptionId;
      readonly group: DeviceGroupName | null;
    }[];
  };
  /** Per recommendation with any change, sorted by recommendation id. */
  readonly exposures: readonly ExposureChanges[];
  /** Per admin (sorted by email), the changes of theirs `after`'s history has and `before`'s has not. */
  readonly changesBy: readonly ChangesBy[];
}

/** What `diffStates` compares of a state: an earlier snapshot need only be decoded this far. */
export const COMPARED_TABLES = ['exposures', 'activities', 'tasks', 'exceptions', 'events'] as const;
export type ComparedState = Pick<State, (typeof COMPARED_TABLES)[number]>;

const sortOn = <T>(items: T[], key: (t: T) => string): T[] =>
  items.sort((a, b) => compareText(key(a), key(b)));
const byId = <T extends { readonly id: string }>(items: readonly T[]): Map<T['id'], T> =>
  new Map(items.map((i) => [i.id, i]));

function diffActivities(
  before: ComparedState,
  after: ComparedState,
  nowBefore: Instant,
  nowAfter: Instant,
): StateDiff['activities'] {
  const old = byId<Activity>(before.activities);
  const current = byId<Activity>(after.activities);
  const created: ActivityId[] = [];
  const completed = completedBetween(after, nowBefore, nowAfter).map(
    (a): CompletedActivity => ({ activityId: a.id, method: a.completion.method }),
  );
  const completedEarlier: CompletedActivity[] = [];
  const progress: ProgressChange[] = [];
  for (const a of after.activities) {
    const b = old.get(a.id);
    if (!b) created.push(a.id);
    if (a.status === 'Completed' && b?.status !== 'Completed' && a.completion.completedOn <= nowBefore) {
      completedEarlier.push({ activityId: a.id, method: a.completion.method });
    }
    if (b && isTracked(a) && isTracked(b) && a.progress.fixedDevices !== b.progress.fixedDevices) {
      progress.push({
        activityId: a.id,
        targetDevices: a.progress.targetDevices,
        fixedBefore: b.progress.fixedDevices,
        fixedAfter: a.progress.fixedDevices,
      });
    }
  }
  const retained = new Set(
    after.events.flatMap((e) => (e.type === 'activity.removed' ? [e.activityId] : [])),
  );
  const removed = before.activities
    .filter((b) => !current.has(b.id))
    .map(
      (b): RemovedActivity => ({ activityId: b.id, cause: retained.has(b.id) ? 'retention' : 'unrecorded' }),
    );
  return {
    created: created.sort(compareText),
    completed: sortOn(completed, (c) => c.activityId),
    completedEarlier: sortOn(completedEarlier, (c) => c.activityId),
    removed: sortOn(removed, (r) => r.activityId),
    progress: sortOn(progress, (p) => p.activityId),
  };
}

function diffTasks(before: ComparedState, after: ComparedState): StateDiff['tasks'] {
  const old = byId(before.tasks);
  const changes = after.tasks
    .filter((t) => old.get(t.id)?.status !== t.status)
    .map((t) => ({
      taskId: t.id,
      activityId: t.activityId,
      from: old.get(t.id)?.status ?? null,
      to: t.status,
    }));
  return sortOn(changes, (c) => c.taskId);
}

function diffExceptions(
  before: ComparedState,
  after: ComparedState,
  nowBefore: Instant,
  nowAfter: Instant,
): StateDiff['exceptions'] {
  const old = byId(before.exceptions);
  const wasStatus = exceptionStatuses(before.exceptions, nowBefore);
  const isStatus = exceptionStatuses(after.exceptions, nowAfter);
  const added: ExceptionId[] = [];
  const expired: ExceptionId[] = [];
  const canceled: { exceptionId: ExceptionId; group: DeviceGroupName | null }[] = [];
  for (const e of after.exceptions) {
    const b = old.get(e.id);
    if (!b) added.push(e.id);
    if (isStatus.get(e.id) === 'Expired' && wasStatus.get(e.id) !== 'Expired') expired.push(e.id);
    if (e.canceled !== null && (b === undefined || b.canceled === null))
      canceled.push({ exceptionId: e.id, group: null });
    const wasCanceled = new Set(b?.canceledGroups.map((c) => c.group));
    for (const c of e.canceledGroups) {
      if (!wasCanceled.has(c.group)) canceled.push({ exceptionId: e.id, group: c.group });
    }
  }
  return {
    added: added.sort(compareText),
    expired: expired.sort(compareText),
    canceled: sortOn(canceled, (c) => `${c.exceptionId}\u0000${c.group ?? ''}`),
  };
}

function exposedByRecommendation(state: ComparedState): Map<RecommendationId, Set<DeviceId>> {
  const out = new Map<RecommendationId, Set<DeviceId>>();
  for (const x of state.exposures) {
    const set = out.get(x.recommendationId);
    if (set) set.add(x.deviceId);
    else out.set(x.recommendationId, new Set([x.deviceId]));
  }
  return out;
}

const missingFrom = (from: ReadonlySet<DeviceId> | undefined, other: ReadonlySet<DeviceId> | undefined) => {
  const deviceIds = [...(from ?? [])].filter((d) => !other?.has(d)).sort(compareText);
  return { count: deviceIds.length, deviceIds };
};

function diffExposures(before: ComparedState, after: ComparedState): StateDiff['exposures'] {
  const old = exposedByRecommendation(before);
  const current = exposedByRecommendation(after);
  const recs = [...new Set([...old.keys(), ...current.keys()])].sort(compareText);
  return recs.flatMap((recommendationId) => {
    const newlyExposed = missingFrom(current.get(recommendationId), old.get(recommendationId));
    const fixed = missingFrom(old.get(recommendationId), current.get(recommendationId));
    return newlyExposed.count + fixed.count === 0 ? [] : [{ recommendationId, newlyExposed, fixed }];
  });
}

/**
 * What changed from `before` (seen at `nowBefore`) to `after` (seen at `nowAfter`): activities,
 * progress, task statuses, exceptions and exposures. The two moments bound the period whose
 * completions are listed, and tell which exceptions expired (their expiry is derived from the date).
 */
export function diffStates(
  before: ComparedState,
  after: ComparedState,
  nowBefore: Instant,
  nowAfter: Instant,
): StateDiff {
  return {
    activities: diffActivities(before, after, nowBefore, nowAfter),
    tasks: diffTasks(before, after),
    exceptions: diffExceptions(before, after, nowBefore, nowAfter),
    exposures: diffExposures(before, after),
    changesBy: diffChangesBy(before, after),
  };
}

function diffChangesBy(before: ComparedState, after: ComparedState): StateDiff['changesBy'] {
  const known = new Set(before.events.map((e) => e.id));
  const by = new Map<Email, Partial<Record<UserChangeType, number>>>();
  for (const e of after.events) {
    if (known.has(e.id) || !isUserChange(e)) continue;
    const actor = e.actor as Email; // isUserChange: never 'system'
    const counts = by.get(actor) ?? {};
    const type = e.type as UserChangeType;
    counts[type] = (counts[type] ?? 0) + 1;
    by.set(actor, counts);
  }
  return sortOn(
    [...by].map(([actor, counts]) => ({ actor, counts })),
    (c) => c.actor,
  );
}
