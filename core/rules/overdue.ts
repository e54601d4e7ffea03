import type { Activity } from '../model/activity.ts';
import { type CalendarDate, dayOf, daysBetween, type Instant } from '../model/time.ts';

/**
 * R-DUE-1 (PD): an Active activity whose due date is before today (UTC) is overdue.
 * Attention-required activities have no due date (R-ATTN-1) and so are never overdue.
 */
export function isOverdue(activity: Activity, now: Instant): boolean {
  return daysOverdue(activity, now) > 0;
}

/** Whole days past the due date; 0 when not overdue. */
export function daysOverdue(activity: Activity, now: Instant): number {
  if (activity.type === 'AttentionRequired' || activity.status !== 'Active' || activity.dueOn === null)
    return 0;
  return Math.max(0, daysBetween(activity.dueOn, dayOf(now)));
}

/** The due date to show, or null (attention required has none anywhere, R-ATTN-1). */
export const dueDateOf = (activity: Activity): CalendarDate | null =>
  activity.type === 'AttentionRequired' ? null : activity.dueOn;
