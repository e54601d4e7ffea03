import type { ActivityId, DeviceGroupName, DeviceId, Email, RecommendationId, TaskId } from './ids.ts';
import type { CalendarDate, Instant } from './time.ts';

/** An activity's priority, highest first: the order forms offer and tables sort by. */
export const PRIORITIES = ['High', 'Medium', 'Low'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The activity types, in the order figures and tables list them. */
export const ACTIVITY_TYPES = [
  'Update',
  'Upgrade',
  'Uninstall',
  'ConfigurationChange',
  'AttentionRequired',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type TrackedType = Exclude<ActivityType, 'AttentionRequired'>;
export const ACTIVITY_STATUSES = ['Active', 'Completed'] as const;
export const ACTIVITY_CATEGORIES = ['Software', 'SecurityConfiguration'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const PRODUCTIVITY_IMPACTS = ['AllExposedAssets', 'NonImpactedAssets'] as const;
export type ProductivityImpact = (typeof PRODUCTIVITY_IMPACTS)[number];

/** How an activity came to be completed (R-DONE-1..3). */
export type Completion =
  | { readonly method: 'Automatic'; readonly completedOn: Instant }
  | {
      readonly method: 'Manual';
      readonly completedOn: Instant;
      readonly completerEmail: Email;
      readonly completerId: string | null;
    }
  /** Imported as Completed without a method (older records): "Completed by" shows N/A. */
  | { readonly method: 'Unknown'; readonly completedOn: Instant };

export type ActivityStatus<C extends Completion = Completion> =
  | { readonly status: 'Active' }
  | { readonly status: 'Completed'; readonly completion: C };

/** Fields every activity has, whatever its type (vendor fields of domain.md §1). */
interface ActivityCommon {
  readonly id: ActivityId;
  readonly title: string;
  readonly description: string;
  /** Derived from productId/scid on import; null only when the vendor record names neither. */
  readonly recommendationId: RecommendationId | null;
  readonly createdOn: Instant;
  readonly requesterId: string | null;
  readonly requesterEmail: Email | null;
  readonly statusLastModifiedOn: Instant;
  readonly relatedComponent: string;
  /** The device groups the request applies to; empty means "all groups". */
  readonly rbacGroupNames: readonly DeviceGroupName[];
  readonly requesterNotes: string;
  readonly category: ActivityCategory;
  readonly productivityImpactRemediationType: ProductivityImpact | null;
  readonly priority: Priority;
  readonly scid: string | null;
  readonly productId: string | null;
  readonly vendorId: string | null;
  readonly nameId: string | null;
  readonly recommendedVersion: string | null;
  readonly recommendedVendor: string | null;
  readonly recommendedProgram: string | null;
}

/**
 * Progress of a tracked activity (R-PROG-1). The vendor may give only counts; once we know the
 * devices (`devices` kind) the counts are derived from the activity's device rows.
 */
export type Progress =
  | { readonly kind: 'counts'; readonly targetDevices: number; readonly fixedDevices: number }
  | {
      readonly kind: 'devices';
      readonly targetDevices: number;
      readonly fixedDevices: number;
      /** Devices that moved out of the chosen groups: not fixed, reported apart (PD). */
      readonly leftScopeDevices: number;
      /** Devices absent from the newest full exposure import and from the device list (PD). */
      readonly vanishedDevices: number;
    };

/** An activity whose devices are tracked to a fix: update, upgrade, uninstall, configuration change. */
export type TrackedActivity = ActivityCommon &
  ActivityStatus & {
    readonly type: TrackedType;
    readonly dueOn: CalendarDate | null;
    readonly progress: Progress;
    /** The Intune security task, when one was created (R-INT-*). */
    readonly taskId: TaskId | null;
  };

/**
 * R-ATTN-1: "attention required" has no due date, no progress and no ticket — the type has no
 * field for them — and it is only ever completed by hand (or imported as unknown).
 */
export type AttentionRequiredActivity = ActivityCommon &
  ActivityStatus<Extract<Completion, { method: 'Manual' | 'Unknown' }>> & {
    readonly type: 'AttentionRequired';
  };

export type Activity = TrackedActivity | AttentionRequiredActivity;

export const isTracked = (a: Activity): a is TrackedActivity => a.type !== 'AttentionRequired';

/**
 * Where one target device of an activity stands. `exposed` until a newer import no longer shows it
 * exposed (`fixed`), or it left the chosen groups (`leftScope`) or the data (`vanished`).
 */
export const ACTIVITY_DEVICE_STATES = ['exposed', 'fixed', 'leftScope', 'vanished'] as const;
export type ActivityDeviceState = (typeof ACTIVITY_DEVICE_STATES)[number];

export interface ActivityDevice {
  readonly activityId: ActivityId;
  readonly deviceId: DeviceId;
  /** The device's group when the activity was created. */
  readonly rbacGroupName: DeviceGroupName;
  readonly state: ActivityDeviceState;
  /** When it last changed state (creation time for `exposed`). */
  readonly changedOn: Instant;
  /** Whether this device was among those sent in the Intune task (R-INT-2). */
  readonly sentToTask: boolean;
}
