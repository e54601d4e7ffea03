import type { Activity, ActivityDevice } from './activity.ts';
import type { AuditEvent } from './audit-event.ts';
import type { Device } from './device.ts';
import type { RemediationException } from './exception.ts';
import type { Exposure } from './exposure.ts';
import type { ActivityId, DeviceId, EventId, ExceptionId, RecommendationId, TaskId } from './ids.ts';
import type { IntuneTask } from './intune-task.ts';
import type { Recommendation } from './recommendation.ts';

/**
 * The complete remediation state: what a snapshot holds and what the store holds.
 * Arrays are kept in canonical order (`canonicalState`, canonical-order.ts) so equal states serialise
 * identically.
 */
export interface State {
  readonly recommendations: readonly Recommendation[];
  readonly devices: readonly Device[];
  readonly exposures: readonly Exposure[];
  readonly activities: readonly Activity[];
  readonly activityDevices: readonly ActivityDevice[];
  readonly tasks: readonly IntuneTask[];
  readonly exceptions: readonly RemediationException[];
  readonly events: readonly AuditEvent[];
}

export const emptyState = (): State => ({
  recommendations: [],
  devices: [],
  exposures: [],
  activities: [],
  activityDevices: [],
  tasks: [],
  exceptions: [],
  events: [],
});

/** Nothing in it yet: a snapshot given to it seeds it rather than joining it (R-MERGE-1). */
export const isEmptyState = (s: State): boolean =>
  s.recommendations.length === 0 &&
  s.activities.length === 0 &&
  s.exceptions.length === 0 &&
  s.events.length === 0 &&
  s.exposures.length === 0;

/**
 * What a rule wants changed: rows to put (insert or replace by key) and keys to delete, with the
 * audit events that explain them (R-HIST-1). The store commits one ChangeSet in one transaction;
 * `applyChanges` does the same to an in-memory State.
 */
export interface ChangeSet {
  readonly put?: {
    readonly recommendations?: readonly Recommendation[];
    readonly devices?: readonly Device[];
    readonly exposures?: readonly Exposure[];
    readonly activities?: readonly Activity[];
    readonly activityDevices?: readonly ActivityDevice[];
    readonly tasks?: readonly IntuneTask[];
    readonly exceptions?: readonly RemediationException[];
  };
  readonly delete?: {
    readonly exposures?: readonly {
      readonly deviceId: DeviceId;
      readonly recommendationId: RecommendationId;
    }[];
    readonly activities?: readonly ActivityId[];
    /** Deleting an activity also deletes its device rows and task; listed here for other cases. */
    readonly activityDevices?: readonly { readonly activityId: ActivityId; readonly deviceId: DeviceId }[];
    readonly tasks?: readonly TaskId[];
    readonly exceptions?: readonly ExceptionId[];
    readonly events?: readonly EventId[];
  };
  /** Replace every exposure (a full export is the whole new picture). Applied before `put.exposures`. */
  readonly replaceAllExposures?: boolean;
  readonly events: readonly AuditEvent[];
  /** What the user should be told of the change (counted, harmless things it did not do). */
  readonly notes?: readonly string[];
}
