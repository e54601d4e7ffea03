import type { ActivityDeviceState, Completion } from './activity.ts';
import type { ActivityId, DeviceGroupName, DeviceId, Email, EventId, ExceptionId, TaskId } from './ids.ts';
import type { TaskStatus } from './intune-task.ts';
import type { Instant } from './time.ts';

/** Who made a change: a user (by email), or the product itself (imports, automatic completion, expiry). */
export type Actor = Email | 'system';

interface EventBase {
  readonly id: EventId;
  readonly at: Instant;
  readonly actor: Actor;
}

/** R-HIST-1: every change of an activity, task or exception is kept as one of these. */
export type AuditEvent = EventBase &
  (
    | { readonly type: 'activity.created'; readonly activityId: ActivityId; readonly targetDevices: number }
    | { readonly type: 'activity.imported'; readonly activityId: ActivityId }
    | {
        readonly type: 'activity.progress';
        readonly activityId: ActivityId;
        readonly fixedDevices: number;
        readonly targetDevices: number;
        readonly changed: readonly { readonly deviceId: DeviceId; readonly state: ActivityDeviceState }[];
      }
    | {
        readonly type: 'activity.completed';
        readonly activityId: ActivityId;
        readonly completion: Completion;
      }
    | { readonly type: 'activity.removed'; readonly activityId: ActivityId; readonly reason: 'retention' }
    | {
        readonly type: 'task.created';
        readonly taskId: TaskId;
        readonly activityId: ActivityId;
        readonly sentDevices: number;
        readonly leftOutDevices: number;
      }
    | {
        readonly type: 'task.status';
        readonly taskId: TaskId;
        readonly activityId: ActivityId;
        readonly from: TaskStatus;
        readonly to: TaskStatus;
        readonly notes: string;
      }
    | { readonly type: 'exception.created'; readonly exceptionId: ExceptionId }
    | {
        readonly type: 'exception.canceled';
        readonly exceptionId: ExceptionId;
        /** null: canceled for all its groups. */
        readonly group: DeviceGroupName | null;
      }
    | { readonly type: 'exception.expired'; readonly exceptionId: ExceptionId }
  );

export type AuditEventType = AuditEvent['type'];
