import type { Activity, Priority } from '../model/activity.ts';
import type { SeverityLevel } from '../model/exposure.ts';
import { addDays, type CalendarDate, dayOf, type Instant } from '../model/time.ts';
import type { SlaPolicy, SlaTerm } from './policy.ts';

const dueAfter = (term: SlaTerm, from: Instant): CalendarDate | null =>
  term.kind === 'none' ? null : addDays(dayOf(from), term.days);

/**
 * R-SLA-2: an activity is due its priority's days after the day it was requested; null when the
 * policy sets no SLA for that priority.
 */
export const activityDueBySla = (
  policy: SlaPolicy,
  priority: Priority,
  requestedOn: Instant,
): CalendarDate | null => dueAfter(policy.activity[priority], requestedOn);

/**
 * R-SLA-3: an exposure is due its severity's days after the device was first seen exposed; null
 * when the policy sets none for that severity, or the severity is unknown (a row with no CVE).
 */
export function exposureDueBySla(
  policy: SlaPolicy,
  severity: SeverityLevel | null,
  firstSeen: Instant,
): CalendarDate | null {
  if (severity === null) return null;
  let ofPolicy = knownDueDates.get(policy);
  if (ofPolicy === undefined) {
    ofPolicy = new Map();
    knownDueDates.set(policy, ofPolicy);
  }
  let ofSeverity = ofPolicy.get(severity);
  if (ofSeverity === undefined) {
    ofSeverity = new Map();
    ofPolicy.set(severity, ofSeverity);
  }
  const day = dayOf(firstSeen);
  let due = ofSeverity.get(day);
  if (due === undefined) {
    due = dueAfter(policy.exposure[severity], firstSeen);
    ofSeverity.set(day, due);
  }
  return due;
}

/**
 * The dates `exposureDueBySla` has worked out, by policy, severity and first-seen day: the metrics
 * date every exposure an archive ever held (hundreds of thousands), and they share a few thousand
 * days at most, each a calendar calculation.
 */
const knownDueDates = new WeakMap<SlaPolicy, Map<SeverityLevel, Map<CalendarDate, CalendarDate | null>>>();

/** Where a shown due date came from: the activity's own, or its priority's SLA (R-SLA-2). */
export type DueDateSource = 'own' | 'sla';

/** A due date to show and where it came from; both null when there is none to show. */
export type ShownDueDate =
  | { readonly date: CalendarDate; readonly source: DueDateSource }
  | { readonly date: null; readonly source: null };

/**
 * The due date to show for an activity, and where it came from: its own wins; one without (a
 * vendor activity often has none) gets its priority's SLA date, marked as such so a reader never
 * takes the team's policy for the vendor's word. Attention required has none at all (R-ATTN-1).
 */
export function dueDateShown(activity: Activity, policy: SlaPolicy): ShownDueDate {
  if (activity.type === 'AttentionRequired') return { date: null, source: null };
  if (activity.dueOn !== null) return { date: activity.dueOn, source: 'own' };
  const date = activityDueBySla(policy, activity.priority, activity.createdOn);
  return date === null ? { date: null, source: null } : { date, source: 'sla' };
}
