import { counted } from '../counted.ts';
import type { Activity, ActivityDevice } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { BundleChange } from '../model/change-bundle.ts';
import type { Cancellation, RemediationException } from '../model/exception.ts';
import type { ActivityId, DeviceId, EventId, ExceptionId, RecommendationId, TaskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { withGroupCanceled } from './cancel-exception.ts';

/**
 * Why a change cannot apply. `waits`: it is about something the state does not have yet, which
 * another bundle of the same import may bring (a ticket status on a request another admin made).
 */
export interface Problem {
  readonly field: string;
  readonly message: string;
  readonly waits?: boolean;
}

/**
 * The latest time a change made by `at` on another machine may carry: clocks differ by up to five
 * minutes. As an Instant, which compares as text, so a merge of thousands of changes parses no date.
 */
export const latestFrom = (at: Instant): Instant =>
  new Date(Date.parse(at) + 5 * 60_000).toISOString() as Instant;

/** Changes compare by time, then event id: every side chooses the same one. */
type Key = { readonly at: string; readonly id: string };
const compareKeys = (a: Key, b: Key): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const later = (a: Key, b: Key | undefined): boolean => b === undefined || compareKeys(a, b) > 0;
const earlier = (a: Key, b: Key | undefined): boolean => b === undefined || compareKeys(a, b) < 0;

/** R-MERGE-5: a cancellation stands over another when made first (then by email, for a tie). */
const firstCancellation = (a: Cancellation, b: Cancellation | null | undefined): boolean =>
  b == null || a.on < b.on || (a.on === b.on && a.by < b.by);

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

/** Lists as one, copied once into an array of the right size. */
function flatten<T>(lists: readonly (readonly T[])[]): T[] {
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Array<T>(n);
  let i = 0;
  for (const l of lists) for (const x of l) out[i++] = x;
  return out;
}

/**
 * The state a merge works on: what changes touch, as maps, what the merge has put so far, and one
 * method per kind of change holding its rule (R-MERGE-*; see `mergeBundles`).
 */
export class BundleMergeState {
  private readonly events = new Map<EventId, AuditEvent>();
  private readonly activities: Map<ActivityId, Activity>;
  private readonly tasks: Map<TaskId, IntuneTask>;
  private readonly exceptions: Map<ExceptionId, RemediationException>;
  private readonly recommendations: ReadonlySet<RecommendationId>;
  /** The archive's devices, read only when a request names some (a large archive has many). */
  private devices: ReadonlySet<DeviceId> | null = null;
  /** R-RET-1 removals the history records. */
  private readonly removed = new Set<ActivityId>();
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

  constructor(private readonly state: State) {
    this.activities = new Map(state.activities.map((a) => [a.id, a]));
    this.tasks = new Map(state.tasks.map((t) => [t.id, t]));
    this.exceptions = new Map(state.exceptions.map((e) => [e.id, e]));
    this.recommendations = new Set(state.recommendations.map((r) => r.id));
    for (const e of state.events) this.record(e);
  }

  /**
   * Whether the change being applied comes from a bundle that started from no team state (or a
   * snapshot): then it may name only recommendations and devices the archive has. A bundle that
   * started from this archive's state may name newer ones, which the admin's own vendor import
   * brought and the next pull will too; refusing them would lose the admin's work.
   */
  private unbased = false;

  /**
   * Applies one change of a bundle made at `madeBy` (`latest`: `latestFrom(madeBy)`; `unbased`: see
   * above); 'already' when the state has its event, a problem when it cannot apply (the state is
   * then as it was).
   */
  apply(
    change: BundleChange,
    madeBy: Instant,
    latest: Instant,
    unbased: boolean,
  ): 'already' | Problem | null {
    this.unbased = unbased;
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
    if (e.at > latest)
      return { field: 'event.at', message: `${e.at} is after the bundle was made (${madeBy})` };
    const problem = this.applyChange(change);
    if (problem !== null) return problem;
    this.record(e);
    this.added.push(e);
    return null;
  }

  /** Keeps what later rules compare with: done for the state's history and for each event merged. */
  private record(e: AuditEvent): void {
    this.events.set(e.id, e);
    if (e.type === 'activity.removed') this.removed.add(e.activityId);
    else if (e.type === 'activity.completed') {
      const key = { at: e.completion.completedOn, id: e.id };
      if (earlier(key, this.completion.get(e.activityId))) this.completion.set(e.activityId, key);
    } else if (e.type === 'task.status') {
      if (later(e, this.status.get(e.taskId))) this.status.set(e.taskId, e);
      if (e.notes.trim() !== '' && later(e, this.notes.get(e.taskId))) this.notes.set(e.taskId, e);
    }
  }

  private count(actor: string, cause: Cause): void {
    const key = `${actor}\u0000${cause}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
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

  private knownDevices(): ReadonlySet<DeviceId> {
    if (this.devices === null) {
      const ids = new Set<DeviceId>();
      for (const d of this.state.devices) ids.add(d.id);
      this.devices = ids;
    }
    return this.devices;
  }

  /** What a change about `id` does when the activity is unknown: R-MERGE-6 (counted), or it waits. */
  private missingActivity(id: ActivityId, actor: string, field: string): Problem | null {
    if (this.removed.has(id)) {
      this.count(actor, 'retention');
      return null;
    }
    return {
      field,
      message: `no activity ${id} in the archive: import what it was made on first`,
      waits: true,
    };
  }

  /** A change cannot come before what it changes was made. */
  private static before(at: string, createdOn: string, what: string): Problem | null {
    return at < createdOn
      ? { field: 'event.at', message: `${at} is before the ${what} was made (${createdOn})` }
      : null;
  }

  private applyChange(change: BundleChange): Problem | null {
    switch (change.event.type) {
      case 'activity.created':
        return 'activity' in change
          ? this.request(change)
          : { field: 'activity', message: 'a request carries its activity' };
      case 'task.created':
        return 'task' in change
          ? this.ticket(change)
          : { field: 'task', message: 'a new ticket carries its row' };
      case 'task.status':
        return this.ticketStatus(change.event);
      case 'activity.completed':
        return this.completed(change.event);
      case 'exception.created':
        return 'exception' in change
          ? this.exceptionMade(change)
          : { field: 'exception', message: 'a new exception carries its row' };
      case 'exception.canceled':
        return this.canceled(change.event);
    }
  }

  /** R-MERGE-1: a request adds its activity and device rows. */
  private request(change: Extract<BundleChange, { readonly activity: Activity }>): Problem | null {
    const { activity, devices, event } = change;
    if (activity.id !== event.activityId)
      return { field: 'activity.id', message: `the event is about ${event.activityId}` };
    if (activity.createdOn !== event.at)
      return { field: 'activity.createdOn', message: `the request was made at ${event.at}` };
    if (this.activity(activity.id) || this.removed.has(activity.id))
      return { field: 'activity.id', message: `the archive already has activity ${activity.id}` };
    if (
      this.unbased &&
      (activity.recommendationId === null || !this.recommendations.has(activity.recommendationId))
    )
      return {
        field: 'activity.recommendationId',
        message: `no recommendation ${activity.recommendationId} in the archive, and the bundle started from no team state of it`,
      };
    const known = this.unbased ? this.knownDevices() : null;
    for (let i = 0; i < devices.length; i++) {
      const d = devices[i] as ActivityDevice;
      if (d.activityId !== activity.id)
        return {
          field: `devices[${i}].activityId`,
          message: `every device row is of activity ${activity.id}`,
        };
      if (known !== null && !known.has(d.deviceId))
        return {
          field: `devices[${i}].deviceId`,
          message: `no device ${d.deviceId} in the archive, and the bundle started from no team state of it`,
        };
    }
    this.put.activities.set(activity.id, activity);
    // Kept as they came, flattened once at the end: a merge can carry hundreds of thousands.
    this.put.activityDevices.push(devices);
    return null;
  }

  /** R-MERGE-1: a ticket is added to the tracked activity that names it (R-ATTN-1: never another). */
  private ticket(change: Extract<BundleChange, { readonly task: IntuneTask }>): Problem | null {
    const { task, event } = change;
    if (task.id !== event.taskId || task.activityId !== event.activityId)
      return { field: 'task.id', message: `the event is about task ${event.taskId} of ${event.activityId}` };
    if (this.task(task.id)) return { field: 'task.id', message: `the archive already has task ${task.id}` };
    const a = this.activity(task.activityId);
    if (!a) return this.missingActivity(task.activityId, event.actor, 'task.activityId');
    if (a.type === 'AttentionRequired' || a.taskId !== task.id)
      return {
        field: 'task.activityId',
        message: `activity ${a.id} does not name task ${task.id} as its ticket (R-ATTN-1: attention required has none)`,
      };
    this.put.tasks.set(task.id, task);
    return null;
  }

  /** R-MERGE-4: a ticket's status is its latest change's; its notes, the latest change's with notes. */
  private ticketStatus(e: Extract<AuditEvent, { type: 'task.status' }>): Problem | null {
    const task = this.task(e.taskId);
    if (!task) {
      if (this.removed.has(e.activityId)) return this.missingActivity(e.activityId, e.actor, 'activityId');
      return {
        field: 'taskId',
        message: `no task ${e.taskId} in the archive: import what it was made on first`,
        waits: true,
      };
    }
    const tooEarly = BundleMergeState.before(e.at, task.createdOn, 'ticket');
    if (tooEarly) return tooEarly;
    const status = later(e, this.status.get(e.taskId)) && later(e, { at: task.statusChangedOn, id: '' });
    const notes = e.notes.trim() !== '' && later(e, this.notes.get(e.taskId));
    if (status || notes) {
      const next: IntuneTask = status
        ? { ...task, status: e.to, statusChangedOn: e.at, statusChangedBy: e.actor }
        : task;
      this.put.tasks.set(task.id, notes ? { ...next, reviewerNotes: e.notes.trim() } : next);
    }
    if (!status) this.count(e.actor, 'laterStatus');
    return null;
  }

  /** R-MERGE-3: the first completion stands, by hand or automatic; a later one is history only. */
  private completed(e: Extract<AuditEvent, { type: 'activity.completed' }>): Problem | null {
    const c = e.completion;
    if (c.method !== 'Manual')
      return { field: 'completion.method', message: 'only a completion by hand travels in a bundle' };
    if (c.completedOn !== e.at)
      return { field: 'completion.completedOn', message: `the event is of ${e.at}` };
    const a = this.activity(e.activityId);
    if (!a) return this.missingActivity(e.activityId, e.actor, 'activityId');
    const tooEarly = BundleMergeState.before(e.at, a.createdOn, 'activity');
    if (tooEarly) return tooEarly;
    if (a.status === 'Completed') {
      const standing = this.completion.get(a.id) ?? { at: a.completion.completedOn, id: '' };
      if (!earlier({ at: c.completedOn, id: e.id }, standing)) {
        this.count(e.actor, 'earlierCompletion');
        return null;
      }
      this.count(e.actor, 'replacedCompletion');
    }
    // A completion by hand suits both kinds of activity (R-DONE-2): the union only loses that here.
    this.put.activities.set(a.id, {
      ...a,
      status: 'Completed',
      completion: c,
      statusLastModifiedOn: c.completedOn,
    } as Activity);
    return null;
  }

  /** R-MERGE-1: an exception is added. */
  private exceptionMade(
    change: Extract<BundleChange, { readonly exception: RemediationException }>,
  ): Problem | null {
    const { exception, event } = change;
    if (exception.id !== event.exceptionId)
      return { field: 'exception.id', message: `the event is about ${event.exceptionId}` };
    if (exception.createdOn !== event.at)
      return { field: 'exception.createdOn', message: `the exception was made at ${event.at}` };
    if (this.exception(exception.id))
      return { field: 'exception.id', message: `the archive already has exception ${exception.id}` };
    if (this.unbased && !this.recommendations.has(exception.recommendationId))
      return {
        field: 'exception.recommendationId',
        message: `no recommendation ${exception.recommendationId} in the archive, and the bundle started from no team state of it`,
      };
    this.put.exceptions.set(exception.id, exception);
    return null;
  }

  /**
   * R-MERGE-5: the earliest cancellation of the whole exception and of each group stands; the
   * whole ends when its last group is canceled, at that group's time (R-EXC-4).
   */
  private canceled(e: Extract<AuditEvent, { type: 'exception.canceled' }>): Problem | null {
    const x = this.exception(e.exceptionId);
    if (!x)
      return { field: 'exceptionId', message: `no exception ${e.exceptionId} in the archive`, waits: true };
    const tooEarly = BundleMergeState.before(e.at, x.createdOn, 'exception');
    if (tooEarly) return tooEarly;
    const made: Cancellation = { on: e.at, by: e.actor };
    let { canceled, canceledGroups } = x;
    if (e.group === null) {
      if (firstCancellation(made, canceled)) canceled = made;
    } else {
      const group = e.group;
      if (x.scope.kind === 'global' || !x.scope.groups.includes(group))
        return { field: 'group', message: `exception ${x.id} does not cover device group "${group}"` };
      if (
        firstCancellation(
          made,
          canceledGroups.find((c) => c.group === group),
        )
      )
        canceledGroups = withGroupCanceled(canceledGroups, { ...made, group });
      const groups = x.scope.groups.map((g) => canceledGroups.find((c) => c.group === g));
      if (groups.every((c) => c !== undefined)) {
        // The last group's cancellation, as a cancellation of the whole.
        const last = groups.reduce((p, q) => (firstCancellation(p, q) ? q : p));
        const whole: Cancellation = { on: last.on, by: last.by };
        if (firstCancellation(whole, canceled)) canceled = whole;
      }
    }
    if (canceled !== x.canceled || canceledGroups !== x.canceledGroups)
      this.put.exceptions.set(x.id, { ...x, canceled, canceledGroups });
    return null;
  }

  /** Every activity put that names a ticket has it (a request and its ticket travel together). */
  ticketless(): ActivityId[] {
    const out: ActivityId[] = [];
    for (const a of this.put.activities.values())
      if (a.type !== 'AttentionRequired' && a.taskId !== null && !this.task(a.taskId)) out.push(a.id);
    return out;
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
