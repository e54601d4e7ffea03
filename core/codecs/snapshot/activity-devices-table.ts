import { ACTIVITY_DEVICE_STATES, type ActivityDevice } from '../../model/activity.ts';
import { canonicalOrder } from '../../model/canonical-order.ts';
import { activityId, deviceGroupName, deviceId } from '../../model/ids.ts';
import { boolean, oneOf, snapshotInstant } from './cells.ts';
import { compositeKey, defineTable } from './table.ts';

export const activityDevicesTable = defineTable({
  file: 'activity-devices.csv',
  columns: ['activityId', 'deviceId', 'rbacGroupName', 'state', 'changedOn', 'sentToTask'],
  keyField: 'deviceId',
  key: (d: ActivityDevice) => compositeKey(d.activityId, d.deviceId),
  order: canonicalOrder.activityDevices,
  orderedByKey: true,
  encode: (d: ActivityDevice) => ({
    activityId: d.activityId,
    deviceId: d.deviceId,
    rbacGroupName: d.rbacGroupName,
    state: d.state,
    changedOn: d.changedOn,
    sentToTask: String(d.sentToTask),
  }),
  decode: (row): ActivityDevice => ({
    activityId: row.interned('activityId', activityId),
    deviceId: row.interned('deviceId', deviceId),
    rbacGroupName: row.interned('rbacGroupName', deviceGroupName),
    state: row.parse('state', oneOf(ACTIVITY_DEVICE_STATES)),
    changedOn: row.interned('changedOn', snapshotInstant),
    sentToTask: row.parse('sentToTask', boolean),
  }),
});
