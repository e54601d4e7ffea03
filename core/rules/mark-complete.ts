import type { Activity } from '../model/activity.ts';
import type { Email } from '../model/ids.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { ChangeSet } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';

/**
 * R-DONE-2: a user may complete any Active activity by hand; it is the only way an attention-required
 * activity completes. Completing twice is refused so the first completer stays on record.
 */
export function markComplete(activity: Activity, actor: Email, now: Instant): Result<ChangeSet> {
  if (activity.status !== 'Active') {
    return fail({ field: 'status', message: 'the activity is already completed' });
  }
  const completion = {
    method: 'Manual',
    completedOn: now,
    completerEmail: actor,
    completerId: null,
  } as const;
  const done: Activity = { ...activity, status: 'Completed', completion, statusLastModifiedOn: now };
  return ok({
    put: { activities: [done] },
    events: [auditEvent({ type: 'activity.completed', activityId: activity.id, completion }, now, actor)],
  });
}
