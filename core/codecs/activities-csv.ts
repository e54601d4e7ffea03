import type { Activity, ActivityDevice } from '../model/activity.ts';
import type { Device } from '../model/device.ts';
import type { DeviceId, RecommendationId, TaskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { Recommendation } from '../model/recommendation.ts';
import type { Instant } from '../model/time.ts';
import { completedBy } from '../rules/completed-by.ts';
import { daysOverdue } from '../rules/overdue.ts';
import { dueDateShown } from '../sla/due.ts';
import { presetPolicy, type SlaPolicy } from '../sla/policy.ts';
import { csvDocument } from './csv/write.ts';

export interface ActivitiesCsvContext {
  readonly now: Instant;
  /** Adds the recommendation's name when known. */
  readonly recommendations?: ReadonlyMap<RecommendationId, Recommendation>;
  /** Gives the ticket status of activities that have an Intune task. */
  readonly tasks?: ReadonlyMap<TaskId, IntuneTask>;
  /**
   * The archive's SLA policy (R-SLA-2): an activity without its own due date then shows its
   * priority's SLA date, and a "Due date source" column says which it is (`own`, `sla`, or empty
   * for none). Without it the columns are as they always were.
   */
  readonly sla?: SlaPolicy;
}

/** Without a policy only an activity's own due date is shown: no SLA adds none. */
const NO_SLA = presetPolicy('none');

const ACTIVITY_COLUMNS = [
  'Title',
  'Recommendation',
  'Type',
  'Status',
  'Priority',
  'Due date',
  'Overdue days',
  'Fixed devices',
  'Target devices',
  'Ticket status',
  'Completed by',
  'Completed on',
  'Created on',
  'Requester',
  'Device groups',
  'Activity id',
] as const;

function completedByText(a: Activity): string {
  const by = completedBy(a);
  if (by === null) return '';
  return by.kind === 'user' ? by.email : by.kind === 'system' ? 'System confirmation' : 'N/A';
}

/**
 * R-CSV-1: a list of activities as CSV (BOM, CRLF, formula-neutralised). R-ATTN-1: attention
 * required leaves due date, overdue, progress and ticket status empty.
 */
export function activitiesToCsv(activities: readonly Activity[], ctx: ActivitiesCsvContext): string {
  const withSource = ctx.sla !== undefined;
  const columns = withSource
    ? ACTIVITY_COLUMNS.flatMap((c) => (c === 'Due date' ? [c, 'Due date source'] : [c]))
    : ACTIVITY_COLUMNS;
  return csvDocument(
    columns,
    activities.map((a) => {
      const tracked = a.type === 'AttentionRequired' ? null : a;
      const task = tracked?.taskId ? ctx.tasks?.get(tracked.taskId) : undefined;
      // Overdue days stay those of the activity's own due date (R-DUE-1), as every figure counts them.
      const overdue = daysOverdue(a, ctx.now);
      const due = dueDateShown(a, ctx.sla ?? NO_SLA);
      return [
        a.title,
        a.recommendationId
          ? (ctx.recommendations?.get(a.recommendationId)?.recommendationName ?? a.recommendationId)
          : '',
        a.type,
        a.status,
        a.priority,
        due.date ?? '',
        ...(withSource ? [due.source ?? ''] : []),
        tracked && overdue > 0 ? String(overdue) : '',
        tracked ? String(tracked.progress.fixedDevices) : '',
        tracked ? String(tracked.progress.targetDevices) : '',
        task?.status ?? '',
        completedByText(a),
        a.status === 'Completed' ? a.completion.completedOn : '',
        a.createdOn,
        a.requesterEmail ?? '',
        a.rbacGroupNames.join('; '),
        a.id,
      ];
    }),
  );
}

const DEVICE_COLUMNS = [
  'Device name',
  'Device id',
  'OS platform',
  'Device group',
  'State',
  'Changed on',
  'Sent to Intune task',
] as const;

/** R-CSV-1: one activity's device list as CSV; "sent to task" is empty without a task (R-ATTN-1). */
export function activityDevicesToCsv(
  activity: Activity,
  devices: readonly ActivityDevice[],
  deviceInfo: ReadonlyMap<DeviceId, Device>,
): string {
  const hasTask = activity.type !== 'AttentionRequired' && activity.taskId !== null;
  return csvDocument(
    DEVICE_COLUMNS,
    devices
      .filter((d) => d.activityId === activity.id)
      .map((d) => {
        const info = deviceInfo.get(d.deviceId);
        return [
          info?.computerDnsName ?? '',
          d.deviceId,
          info?.osPlatform ?? '',
          d.rbacGroupName,
          d.state,
          d.changedOn,
          hasTask ? (d.sentToTask ? 'yes' : 'no') : '',
        ];
      }),
  );
}
