import type { ActivityId, TaskId } from './ids.ts';
import type { Instant } from './time.ts';

/** R-INT-3: active = accepted by the IT administrator and being worked on. */
export const TASK_STATUSES = ['pending', 'active', 'completed', 'rejected'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** R-INT-2: an Intune task carries at most this many devices. */
export const INTUNE_DEVICE_LIMIT = 10_000;

export interface IntuneTask {
  readonly id: TaskId;
  readonly activityId: ActivityId;
  readonly status: TaskStatus;
  readonly createdOn: Instant;
  /** Devices sent (at most INTUNE_DEVICE_LIMIT); which ones is marked on the activity's device rows. */
  readonly sentDevices: number;
  /** Devices the request covered that were not sent because of the limit. */
  readonly leftOutDevices: number;
  readonly reviewerNotes: string;
  readonly statusChangedOn: Instant;
  readonly statusChangedBy: string;
}
