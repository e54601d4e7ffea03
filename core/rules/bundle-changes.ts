import type { AuditEvent } from '../model/audit-event.ts';
import { type BundleChange, USER_CHANGE_TYPES, type UserChangeType } from '../model/change-bundle.ts';
import type { ChangeSet } from '../model/state.ts';

const TRAVELS: ReadonlySet<string> = new Set<UserChangeType>(USER_CHANGE_TYPES);

/** Whether an event is an admin's own change, which travels to the team's archive (R-MERGE-1). */
export const isUserChange = (e: AuditEvent): boolean =>
  e.actor !== 'system' &&
  TRAVELS.has(e.type) &&
  !(e.type === 'activity.completed' && e.completion.method !== 'Manual');

/**
 * The changes of a ChangeSet an admin's action made (a request, a ticket status, a completion, an
 * exception, a cancellation), each event with the rows it created, as the rule created them: what
 * the extension keeps to send, in the order of its events.
 */
export function bundleChangesOf(cs: ChangeSet): BundleChange[] {
  const put = cs.put ?? {};
  const one = <T extends { readonly id: string }>(
    rows: readonly T[] | undefined,
    id: string,
    what: string,
  ): T => {
    const row = rows?.find((r) => r.id === id);
    if (row === undefined) throw new Error(`the change set has no ${what} ${id} for its event`);
    return row;
  };
  return cs.events.filter(isUserChange).map((event): BundleChange => {
    switch (event.type) {
      case 'activity.created':
        return {
          event,
          activity: one(put.activities, event.activityId, 'activity'),
          devices: (put.activityDevices ?? []).filter((d) => d.activityId === event.activityId),
        };
      case 'task.created':
        return { event, task: one(put.tasks, event.taskId, 'task') };
      case 'exception.created':
        return { event, exception: one(put.exceptions, event.exceptionId, 'exception') };
      case 'task.status':
      case 'activity.completed':
      case 'exception.canceled':
        return { event };
      default:
        throw new Error(`a ${event.type} event does not travel in a bundle`);
    }
  });
}
