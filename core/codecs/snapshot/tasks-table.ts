import { canonicalOrder } from '../../model/canonical-order.ts';
import { activityId, taskId } from '../../model/ids.ts';
import { INTUNE_DEVICE_LIMIT, type IntuneTask, TASK_STATUSES } from '../../model/intune-task.ts';
import { integer, oneOf, snapshotInstant } from './cells.ts';
import { defineTable } from './table.ts';

/** R-INT-2 holds when reading too: a task that claims more sent devices than one can carry is refused. */
export function sentDeviceCount(n: number): number {
  if (n > INTUNE_DEVICE_LIMIT) {
    throw new Error(
      `R-INT-2: a security task (Intune) carries at most ${INTUNE_DEVICE_LIMIT.toLocaleString('en')} devices, not ${n.toLocaleString('en')}`,
    );
  }
  return n;
}

export const tasksTable = defineTable({
  file: 'tasks.csv',
  columns: [
    'id',
    'activityId',
    'status',
    'createdOn',
    'sentDevices',
    'leftOutDevices',
    'reviewerNotes',
    'statusChangedOn',
    'statusChangedBy',
  ],
  keyField: 'id',
  key: (t: IntuneTask) => t.id,
  order: canonicalOrder.tasks,
  orderedByKey: true,
  encode: (t: IntuneTask) => ({
    id: t.id,
    activityId: t.activityId,
    status: t.status,
    createdOn: t.createdOn,
    sentDevices: String(t.sentDevices),
    leftOutDevices: String(t.leftOutDevices),
    reviewerNotes: t.reviewerNotes,
    statusChangedOn: t.statusChangedOn,
    statusChangedBy: t.statusChangedBy,
  }),
  decode: (row): IntuneTask => ({
    id: row.parse('id', taskId),
    activityId: row.parse('activityId', activityId),
    status: row.parse('status', oneOf(TASK_STATUSES)),
    createdOn: row.parse('createdOn', snapshotInstant),
    sentDevices: row.parse('sentDevices', (raw) => sentDeviceCount(integer(raw))),
    leftOutDevices: row.parse('leftOutDevices', integer),
    reviewerNotes: row.raw('reviewerNotes'),
    statusChangedOn: row.parse('statusChangedOn', snapshotInstant),
    statusChangedBy: row.raw('statusChangedBy'),
  }),
});
