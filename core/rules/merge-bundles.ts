import { counted } from '../counted.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { Activity, ActivityDevice } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { BundleChange, ChangeBundle } from '../model/change-bundle.ts';
import type { Cancellation, RemediationException } from '../model/exception.ts';
import type { ActivityId, EventId, ExceptionId, TaskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { withGroupCanceled } from './cancel-exception.ts';

/** A bundle to merge, with the file it came from (for messages). */
export interface BundleInput {
  readonly file: string;
  readonly bundle: ChangeBundle;
}

/** What one bundle brought. */
export interface BundleMerged {
  readonly file: string;
  readonly admin: ChangeBundle['admin'];
  readonly install: string;
  /** Changes new to the archive (applied, or kept in history where a rule says another stands). */
  readonly added: number;
  /** Changes the archive already had (the same bundle again, or a bundle sent twice). */
  readonly alreadyMerged: number;
}

export interface MergeOutcome {
  readonly changes: ChangeSet;
  readonly merged: readonly BundleMerged[];
}

/** A change's line in its bundle file: the header is line 1, then one change a line. */
export const changeLine = (index: number): number => index + 2;

/** Changes compare by time, then event id: every side chooses the same one. */
const byTimeThenId = (a: { at: string; id: string }, b: { at: string; id: string }): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** JSON with sorted keys: two events are the same event when this is the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

type Key = { readonly at: string; readonly id: string };
const later = (a: Key, b: Key | undefined): boolean => b === undefined || byTimeThenId(a, b) > 0;
const earlier = (a: Key, b: Key | undefined): boolean => b === undefined || byTimeThenId(a, b) < 0;

/**
 * R-MERGE-1..6: merges the change bundles of any number of admins into a state, as one ChangeSet.
 * Every rule is a choice that does not depend on arrival (the earliest completion, the latest
 * ticket status, the earliest cancellation, the union of what was created), so any bundles in any
 * order, in one import or several, give the same state, and a change the state already has (by its
 * event id) is a no-op. Every event is kept in the history, including those a rule overrides.
 *
 * - R-MERGE-1 new activities, tickets and exceptions are added; each admin's changes apply in the
 *   order they were made.
 * - R-MERGE-2 two requests for one recommendation with overlapping groups are both kept: see
 *   `possibleDuplicates`.
 * - R-MERGE-3 the first completion stands (a person's or the system's); a later one is history only.
 * - R-MERGE-4 a ticket's status is that of its latest change; its notes, those of the latest change
 *   that has notes.
 * - R-MERGE-5 an exception's cancellation, whole or per group, is the earliest one made; a group
 *   canceled by one admin and the whole exception by another are both recorded.
 * - R-MERGE-6 a change to an activity that retention removed (R-RET-1) is kept in the history only.
 *
 * `archive` is the id of the archive merged into (`archiveIdOf`): a bundle that started from
 * another archive's state is refused. A change naming something neither the state nor an earlier
 * change has, or an event id the state has with other content, refuses the whole merge: InputError
 * naming the bundle file, the change's line and the field. (Rows were checked when the bundle was
 * read, by the snapshot's own table codecs, and the store checks them again on commit.)
 */
export function mergeBundles(
  state: State,
  inputs: readonly BundleInput[],
  opts: { readonly archive: string | null },
): MergeOutcome {
  const issues: InputIssue[] = [];
  for (const { file, bundle } of inputs) {
    if (bundle.base !== null && opts.archive !== null && bundle.base.archive !== opts.archive)
      issues.push({
        file,
        line: 1,
        field: 'base.archive',
        message: `the bundle was made from another archive (${bundle.base.archive}); this archive is ${opts.archive}`,
      });
  }
  if (issues.length > 0) throw new InputError(issues);

  const m = new Merge(state);
  const counts = inputs.map(() => ({ added: 0, alreadyMerged: 0 }));
  // Each bundle's changes in the order its admin made them (a request before the completion of
  // what it created). The rules compare times, not arrival, so the order of bundles is free.
  for (const [b, { file, bundle }] of inputs.entries()) {
    const count = counts[b] as { added: number; alreadyMerged: number };
    for (const [i, change] of bundle.changes.entries()) {
      const problem = m.apply(change);
      if (problem === 'already') count.alreadyMerged++;
      else if (problem === null) count.added++;
      else issues.push({ file, line: changeLine(i), field: problem.field, message: problem.message });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return {
    changes: m.changeSet(),
    merged: inputs.map(({ file, bundle }, i) => ({
      file,
      admin: bundle.admin,
      install: bundle.install,
      ...(counts[i] as { added: number; alreadyMerged: number }),
    })),
  };
}

/** Lists as one, copied once into an array of the right size. */
function flatten<T>(lists: readonly (readonly T[])[]): T[] {
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Array<T>(n);
  let i = 0;
  for (const l of lists) for (const x of l) out[i++] = x;
  return out;
}

type Problem = { readonly field: string; readonly message: string };

/** Why a change is kept in the history only, or stands over another: how each is said. */
const CAUSES = {
  earlierCompletion: (n: number) =>
    `${counted(n, 'completion')} kept in the history only: the activities were completed earlier (R-MERGE-3)`,
  replacedCompletion: (n: number) =>
    `${counted(n, 'completion')} earlier than the one recorded, which ${n === 1 ? 'is' : 'are'} kept in the history (R-MERGE-3)`,
  laterStatus: (n: number) =>
    `${counted(n, 'ticket status', 'ticket statuses')} kept in the history only: later changes stand (R-MERGE-4)`,
  retention: (n: number) =>
    `${counted(n, 'change')} kept in the history only: retention removed ${n === 1 ? 'its activity' : 'their activities'} (R-MERGE-6, R-RET-1)`,
} as const;
type Cause = keyof typeof CAUSES;

/** The state being merged into, as maps of what changes touch, and what the merge has put so far. */
class Merge {
  private readonly events = new Map<EventId, AuditEvent>();
  private readonly activities: Map<ActivityId, Activity>;
  private readonly tasks: Map<TaskId, IntuneTask>;
  private readonly exceptions: Map<ExceptionId, RemediationException>;
  /** R-RET-1 removals the history records. */
  private readonly removed = new Map<ActivityId, Instant>();
  /** Per activity, its earliest completion event; per task, its latest status and latest notes. */
  private readonly completion = new Map<ActivityId, Key>();
  private readonly status = new Map<TaskId, Key>();
  private readonly notes = new Map<TaskId, Key>();
  private readonly put = {
    activities: new Map<ActivityId, Activity>(),
    activityDevices: [] as (readonly ActivityDevice[])[],
    tasks: new Map<TaskId, IntuneTask>(),
    exceptions: new Map<ExceptionId, RemediationException>(),
  };
  private readonly added: AuditEvent[] = [];
  /** Changes kept in the history only (or standing over another), counted per admin and cause. */
  private readonly counts = new Map<string, number>();

  private count(actor: string, cause: Cause): void {
    const key = `${actor}\u0000${cause}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  constructor(state: State) {
    this.activities = new Map(state.activities.map((a) => [a.id, a]));
    this.tasks = new Map(state.tasks.map((t) => [t.id, t]));
    this.exceptions = new Map(state.exceptions.map((e) => [e.id, e]));
    for (const e of state.events) this.record(e);
  }

  /** Keeps what later rules compare with: done for the state's history and for each event merged. */
  private record(e: AuditEvent): void {
    this.events.set(e.id, e);
    if (e.type === 'activity.removed') this.removed.set(e.activityId, e.at);
    else if (e.type === 'activity.completed') {
      const key = { at: e.completion.completedOn, id: e.id };
      if (earlier(key, this.completion.get(e.activityId))) this.completion.set(e.activityId, key);
    } else if (e.type === 'task.status') {
      if (later(e, this.status.get(e.taskId))) this.status.set(e.taskId, e);
      if (e.notes.trim() !== '' && later(e, this.notes.get(e.taskId))) this.notes.set(e.taskId, e);
    }
  }

  /** Applies one change; 'already' when the state has its event, a problem when it cannot apply. */
  apply(change: BundleChange): 'already' | Problem | null {
    const e = change.event;
    const prior = this.events.get(e.id);
    if (prior !== undefined) {
      return canonicalJson(prior) === canonicalJson(e)
        ? 'already'
        : {
            field: 'event.id',
            message: `the archive has event ${e.id} with other content: the bundle was altered, or made from another archive`,
          };
    }
    const problem = this.applyChange(change);
    if (problem !== null) return problem;
    this.record(e);
    this.added.push(e);
    return null;
  }

  private activity(id: ActivityId): Activity | undefined {
    return this.put.activities.get(id) ?? this.activities.get(id);
  }
  private task(id: TaskId): IntuneTask | undefined {
    return this.put.tasks.get(id) ?? this.tasks.get(id);
  }
  private exception(id: ExceptionId): RemediationException | undefined {
    return this.put.exceptions.get(id) ?? this.exceptions.get(id);
  }

  /** R-MERGE-6: true (and counted) when retention removed the activity a change is about. */
  private removedByRetention(id: ActivityId, actor: string): boolean {
    if (!this.removed.has(id)) return false;
    this.count(actor, 'retention');
    return true;
  }

  private applyChange(change: BundleChange): Problem | null {
    switch (change.event.type) {
      case 'activity.created': {
        if (!('activity' in change)) return { field: 'activity', message: 'a request carries its activity' };
        const { activity, devices } = change;
        if (activity.id !== change.event.activityId)
          return { field: 'activity.id', message: `the event is about ${change.event.activityId}` };
        if (this.activity(activity.id) || this.removed.has(activity.id))
          return { field: 'activity.id', message: `the archive already has activity ${activity.id}` };
        for (const d of devices)
          if (d.activityId !== activity.id)
            return { field: 'devices.activityId', message: `every device row is of activity ${activity.id}` };
        this.put.activities.set(activity.id, activity);
        // Kept as they came, flattened once at the end: a merge can carry hundreds of thousands.
        this.put.activityDevices.push(devices);
        return null;
      }
      case 'task.created': {
        if (!('task' in change)) return { field: 'task', message: 'a new ticket carries its row' };
        const { task, event } = change;
        if (task.id !== event.taskId || task.activityId !== event.activityId)
          return {
            field: 'task.id',
            message: `the event is about task ${event.taskId} of ${event.activityId}`,
          };
        if (this.task(task.id))
          return { field: 'task.id', message: `the archive already has task ${task.id}` };
        if (this.removedByRetention(task.activityId, event.actor)) return null;
        if (!this.activity(task.activityId))
          return { field: 'task.activityId', message: `no activity ${task.activityId} in the archive` };
        this.put.tasks.set(task.id, task);
        return null;
      }
      case 'task.status': {
        const e = change.event;
        const task = this.task(e.taskId);
        if (!task) {
          if (this.removedByRetention(e.activityId, e.actor)) return null;
          return {
            field: 'taskId',
            message: `no task ${e.taskId} in the archive: import what it was made on first`,
          };
        }
        const status = later(e, this.status.get(e.taskId)) && later(e, { at: task.statusChangedOn, id: '' });
        const notes = e.notes.trim() !== '' && later(e, this.notes.get(e.taskId));
        if (status || notes)
          this.put.tasks.set(task.id, {
            ...task,
            ...(status ? { status: e.to, statusChangedOn: e.at, statusChangedBy: e.actor } : {}),
            ...(notes ? { reviewerNotes: e.notes.trim() } : {}),
          });
        if (!status) this.count(e.actor, 'laterStatus');
        return null;
      }
      case 'activity.completed': {
        const e = change.event;
        if (e.completion.method !== 'Manual')
          return { field: 'completion.method', message: 'only a completion by hand travels in a bundle' };
        const a = this.activity(e.activityId);
        if (!a) {
          if (this.removedByRetention(e.activityId, e.actor)) return null;
          return { field: 'activityId', message: `no activity ${e.activityId} in the archive` };
        }
        const key = { at: e.completion.completedOn, id: e.id };
        const standing =
          a.status === 'Completed'
            ? (this.completion.get(a.id) ?? { at: a.completion.completedOn, id: '' })
            : undefined;
        if (standing !== undefined && !earlier(key, standing)) {
          this.count(e.actor, 'earlierCompletion');
          return null;
        }
        if (a.status === 'Completed') this.count(e.actor, 'replacedCompletion');
        this.put.activities.set(a.id, {
          ...a,
          status: 'Completed',
          completion: e.completion,
          statusLastModifiedOn: e.completion.completedOn,
        } as Activity);
        return null;
      }
      case 'exception.created': {
        if (!('exception' in change))
          return { field: 'exception', message: 'a new exception carries its row' };
        const { exception, event } = change;
        if (exception.id !== event.exceptionId)
          return { field: 'exception.id', message: `the event is about ${event.exceptionId}` };
        if (this.exception(exception.id))
          return { field: 'exception.id', message: `the archive already has exception ${exception.id}` };
        this.put.exceptions.set(exception.id, exception);
        return null;
      }
      case 'exception.canceled': {
        const e = change.event;
        const x = this.exception(e.exceptionId);
        if (!x) return { field: 'exceptionId', message: `no exception ${e.exceptionId} in the archive` };
        const made: Cancellation = { on: e.at, by: e.actor };
        const first = (was: Cancellation | null | undefined): boolean =>
          was == null || made.on < was.on || (made.on === was.on && made.by < was.by);
        let { canceled, canceledGroups } = x;
        if (e.group === null) {
          if (first(canceled)) canceled = made;
        } else {
          const group = e.group;
          if (x.scope.kind === 'global' || !x.scope.groups.includes(group))
            return { field: 'group', message: `exception ${x.id} does not cover device group "${group}"` };
          if (first(canceledGroups.find((c) => c.group === group)))
            canceledGroups = withGroupCanceled(canceledGroups, { ...made, group });
          // R-EXC-4: the whole exception ends when its last group is canceled, at that group's time.
          const all = x.scope.groups.map((g) => canceledGroups.find((c) => c.group === g));
          if (all.every((c) => c !== undefined)) {
            const last = all.reduce((p, q) => (q.on > p.on || (q.on === p.on && q.by > p.by) ? q : p));
            const at: Cancellation = { on: last.on, by: last.by };
            if (canceled === null || at.on < canceled.on || (at.on === canceled.on && at.by < canceled.by))
              canceled = at;
          }
        }
        if (canceled !== x.canceled || canceledGroups !== x.canceledGroups)
          this.put.exceptions.set(x.id, { ...x, canceled, canceledGroups });
        return null;
      }
      default:
        // Decoded bundles hold only the types listed in USER_CHANGE_TYPES; this guards the others.
        return {
          field: 'event.type',
          message: `a ${(change as BundleChange).event.type} event does not travel in a bundle`,
        };
    }
  }

  /** What the rules decided, a line per admin and cause (a merge can hold thousands of changes). */
  private summary(): string[] {
    return [...this.counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, n]) => {
        const [actor, cause] = key.split('\u0000') as [string, Cause];
        return `${actor}: ${CAUSES[cause](n)}`;
      });
  }

  changeSet(): ChangeSet {
    const put: NonNullable<ChangeSet['put']> = {
      ...(this.put.activities.size > 0 ? { activities: [...this.put.activities.values()] } : {}),
      ...(this.put.activityDevices.length > 0 ? { activityDevices: flatten(this.put.activityDevices) } : {}),
      ...(this.put.tasks.size > 0 ? { tasks: [...this.put.tasks.values()] } : {}),
      ...(this.put.exceptions.size > 0 ? { exceptions: [...this.put.exceptions.values()] } : {}),
    };
    return {
      ...(Object.keys(put).length > 0 ? { put } : {}),
      events: this.added,
      ...(this.counts.size > 0 ? { notes: this.summary() } : {}),
    };
  }
}
