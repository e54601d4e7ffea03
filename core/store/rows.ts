import type { Activity } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';

/** The `groupScope` entry of an activity that covers every device group (its `rbacGroupNames` is empty). */
export const ALL_GROUPS = '\u0000all';

/** What an event is about, as stored in its `subjects` index: `activity:<id>`, `task:<id>`, `exception:<id>`. */
export type EventSubject = `activity:${string}` | `task:${string}` | `exception:${string}`;

export type ActivityRow = Activity & { readonly groupScope: readonly string[] };
export type EventRow = AuditEvent & { readonly subjects: readonly EventSubject[] };

export function subjectsOf(e: AuditEvent): EventSubject[] {
  const subjects: EventSubject[] = [];
  if ('activityId' in e) subjects.push(`activity:${e.activityId}`);
  if ('taskId' in e) subjects.push(`task:${e.taskId}`);
  if ('exceptionId' in e) subjects.push(`exception:${e.exceptionId}`);
  return subjects;
}

export const toActivityRow = (a: Activity): ActivityRow => ({
  ...a,
  groupScope: a.rbacGroupNames.length > 0 ? a.rbacGroupNames : [ALL_GROUPS],
});

export function fromActivityRow(row: ActivityRow): Activity {
  const { groupScope: _, ...activity } = row;
  return activity as Activity;
}

export const toEventRow = (e: AuditEvent): EventRow => ({ ...e, subjects: subjectsOf(e) });

export function fromEventRow(row: EventRow): AuditEvent {
  const { subjects: _, ...event } = row;
  return event as AuditEvent;
}
