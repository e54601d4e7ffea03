import type { Priority } from '../model/activity.ts';
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
export const exposureDueBySla = (
  policy: SlaPolicy,
  severity: SeverityLevel | null,
  firstSeen: Instant,
): CalendarDate | null => (severity === null ? null : dueAfter(policy.exposure[severity], firstSeen));
