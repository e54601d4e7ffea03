/**
 * R-CSV-1, until core's activitiesToCsv/activityDevicesToCsv land: the same columns as the vendor's
 * activity fields, written with core's CSV writer (BOM, CRLF, formula neutralising).
 * TODO(lead): replace with core's functions when core/codecs/csv exports them.
 */
import {
  type Activity,
  type ActivityDevice,
  completedBy,
  csvDocument,
  type Device,
  type Instant,
  isOverdue,
  isTracked,
} from '../../core/index.ts';

const ACTIVITY_COLUMNS = [
  'id',
  'title',
  'type',
  'status',
  'priority',
  'createdOn',
  'requesterEmail',
  'dueOn',
  'overdue',
  'targetDevices',
  'fixedDevices',
  'rbacGroupNames',
  'recommendationId',
  'completionMethod',
  'completedBy',
] as const;

export function activitiesToCsv(activities: readonly Activity[], opts: { readonly now: Instant }): string {
  return csvDocument(
    ACTIVITY_COLUMNS,
    activities.map((a) => {
      const by = completedBy(a);
      // R-ATTN-1: attention required has no due date or progress: empty cells.
      const tracked = isTracked(a) ? a : null;
      return [
        a.id,
        a.title,
        a.type,
        a.status,
        a.priority,
        a.createdOn,
        a.requesterEmail ?? '',
        tracked?.dueOn ?? '',
        String(isOverdue(a, opts.now)),
        tracked ? String(tracked.progress.targetDevices) : '',
        tracked ? String(tracked.progress.fixedDevices) : '',
        a.rbacGroupNames.join(';'),
        a.recommendationId ?? '',
        a.status === 'Completed' ? a.completion.method : '',
        by === null
          ? ''
          : by.kind === 'system'
            ? 'System confirmation'
            : by.kind === 'user'
              ? by.email
              : 'N/A',
      ];
    }),
  );
}

export function activityDevicesToCsv(
  rows: readonly ActivityDevice[],
  opts: { readonly devices: readonly Device[] },
): string {
  const names = new Map(opts.devices.map((d) => [d.id, d]));
  return csvDocument(
    [
      'activityId',
      'deviceId',
      'computerDnsName',
      'osPlatform',
      'rbacGroupName',
      'state',
      'changedOn',
      'sentToTask',
    ],
    rows.map((r) => [
      r.activityId,
      r.deviceId,
      names.get(r.deviceId)?.computerDnsName ?? '',
      names.get(r.deviceId)?.osPlatform ?? '',
      r.rbacGroupName,
      r.state,
      r.changedOn,
      String(r.sentToTask),
    ]),
  );
}
