import type { SeverityKey } from '../metrics/episodes.ts';
import type { Activity, ActivityDeviceState, ActivityType, Priority } from '../model/activity.ts';
import type { ExceptionScope, ExceptionStatus, Justification } from '../model/exception.ts';
import type { TaskStatus } from '../model/intune-task.ts';
import type { RecommendationStatus } from '../model/recommendation.ts';
import type { CompletedBy } from '../rules/completed-by.ts';

/**
 * The words for the domain's values in one language: the extension and the report site both show
 * them, so they are written once, here. Each is a record over its value's type, so a new member of
 * a domain type does not compile until every language names it. docs/terms.md has the vendor's
 * zh-CN terms these follow and the reasons for those the vendor does not name.
 */
export interface DomainTerms {
  readonly priority: Readonly<Record<Priority, string>>;
  readonly activityType: Readonly<Record<ActivityType, string>>;
  readonly activityStatus: Readonly<Record<Activity['status'], string>>;
  /** Where one target device of an activity stands (R-PROG-1). */
  readonly deviceState: Readonly<Record<ActivityDeviceState, string>>;
  /** "Completed by" when no user completed it (R-DONE-1, R-DONE-3); a user shows as the email. */
  readonly completedBy: Readonly<Record<Exclude<CompletedBy['kind'], 'user'>, string>>;
  /** The Intune security task's status, the "ticket status" (R-INT-3). */
  readonly taskStatus: Readonly<Record<TaskStatus, string>>;
  readonly justification: Readonly<Record<Justification, string>>;
  readonly exceptionStatus: Readonly<Record<ExceptionStatus, string>>;
  readonly exceptionScope: Readonly<Record<ExceptionScope['kind'], string>>;
  readonly recommendationStatus: Readonly<Record<RecommendationStatus, string>>;
  /** A vulnerability's severity, and `unknown` for exposures whose rows named no CVE (metrics). */
  readonly severity: Readonly<Record<SeverityKey, string>>;
}

/**
 * One kind of term under a surface's message keys: `termKeys('priority', terms.priority)` is
 * `{ 'priority.High': …, 'priority.Medium': …, 'priority.Low': … }`, so the surfaces look terms up
 * by the same keys as their own strings.
 */
export function termKeys<P extends string, K extends string>(
  prefix: P,
  terms: Readonly<Record<K, string>>,
): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<string>(terms).map(([k, v]) => [`${prefix}.${k}`, v])) as Record<
    `${P}.${K}`,
    string
  >;
}
