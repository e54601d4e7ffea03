import type { Activity } from '../model/activity.ts';
import type { ActivityId } from '../model/ids.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';

/** R-RET-1: days a Completed activity stays in the live store after completion. */
export const RETENTION_DAYS = 180;

/** R-RET-1: whether an activity was completed more than `days` days before now. */
export function pastRetention(now: Instant, days: number = RETENTION_DAYS): (a: Activity) => boolean {
  const cutoff = Date.parse(now) - days * 86_400_000;
  return (a) => a.status === 'Completed' && Date.parse(a.completion.completedOn) < cutoff;
}

/**
 * R-RET-1: remove Completed activities completed more than `days` days before now; deleting an
 * activity deletes its device rows and task with it (ChangeSet contract). Archived snapshots keep them.
 */
export function applyRetention(state: State, now: Instant, days: number = RETENTION_DAYS): ChangeSet {
  const past = pastRetention(now, days);
  const removed: ActivityId[] = state.activities.filter(past).map((a) => a.id);
  if (removed.length === 0) return { events: [] };
  return {
    delete: { activities: removed },
    events: removed.map((activityId) =>
      auditEvent({ type: 'activity.removed', activityId, reason: 'retention' }, now, 'system'),
    ),
  };
}
