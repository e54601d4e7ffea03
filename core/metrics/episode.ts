import type { CalendarDate, Instant } from '../model/time.ts';

/**
 * Something that was open for a while, the unit every metric counts: a device × recommendation
 * exposure (first seen → fixed) or a remediation activity (requested → completed).
 */
export interface Episode<K extends string = string> {
  /** What it is grouped by: a priority, a severity, a device group, a month. */
  readonly key: K;
  readonly opened: Instant;
  /** When it was fixed or completed; null while it is open. */
  readonly closed: Instant | null;
  /** The last day it may be closed on; null when the policy sets no SLA for it (R-SLA-2/3). */
  readonly due: CalendarDate | null;
}
