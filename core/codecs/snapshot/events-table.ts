import { ACTIVITY_DEVICE_STATES, type Completion } from '../../model/activity.ts';
import type { AuditEvent, AuditEventType } from '../../model/audit-event.ts';
import { canonicalOrder } from '../../model/canonical-order.ts';
import {
  activityId,
  deviceGroupName,
  deviceId,
  email,
  eventId,
  exceptionId,
  taskId,
} from '../../model/ids.ts';
import { TASK_STATUSES } from '../../model/intune-task.ts';
import { actor, countIn, jsonObject, objectWith, oneOf, snapshotInstant, stringIn } from './cells.ts';
import { defineTable, type Row } from './table.ts';
import { sentDeviceCount } from './tasks-table.ts';

const TYPES: readonly AuditEventType[] = [
  'activity.created',
  'activity.imported',
  'activity.progress',
  'activity.completed',
  'activity.removed',
  'task.created',
  'task.status',
  'exception.created',
  'exception.canceled',
  'exception.expired',
];
// A progress event lists every device that changed: large snapshots hold hundreds of thousands.
const CHANGE_KEYS = ['deviceId', 'state'] as const;
const deviceState = oneOf(ACTIVITY_DEVICE_STATES);

const COLUMNS = ['id', 'at', 'actor', 'type', 'activityId', 'taskId', 'exceptionId', 'details'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * What a type carries besides its subject ids, as a JSON object. Keys are written in the order
 * listed here, so equal events give equal text.
 */
function details(e: AuditEvent): Record<string, unknown> {
  switch (e.type) {
    case 'activity.created':
      return { targetDevices: e.targetDevices };
    case 'activity.progress':
      return {
        fixedDevices: e.fixedDevices,
        targetDevices: e.targetDevices,
        changed: e.changed.map((c) => ({ deviceId: c.deviceId, state: c.state })),
      };
    case 'activity.completed': {
      const c = e.completion;
      return c.method === 'Manual'
        ? {
            method: c.method,
            completedOn: c.completedOn,
            completerEmail: c.completerEmail,
            completerId: c.completerId,
          }
        : { method: c.method, completedOn: c.completedOn };
    }
    case 'activity.removed':
      return { reason: e.reason };
    case 'task.created':
      return { sentDevices: e.sentDevices, leftOutDevices: e.leftOutDevices };
    case 'task.status':
      return { from: e.from, to: e.to, notes: e.notes };
    case 'exception.canceled':
      return { group: e.group };
    case 'activity.imported':
    case 'exception.created':
    case 'exception.expired':
      return {};
  }
}

const subject = (e: AuditEvent) => ({
  activityId: 'activityId' in e ? e.activityId : '',
  taskId: 'taskId' in e ? e.taskId : '',
  exceptionId: 'exceptionId' in e ? e.exceptionId : '',
});

function completionIn(o: Record<string, unknown>): Completion {
  const method = oneOf(['Automatic', 'Manual', 'Unknown'] as const)(stringIn(o, 'method'));
  const completedOn = snapshotInstant(stringIn(o, 'completedOn'));
  if (method !== 'Manual') return { method, completedOn };
  const id = o.completerId;
  if (id !== null && typeof id !== 'string') throw new Error('completerId is not a string or null');
  return { method, completedOn, completerEmail: email(stringIn(o, 'completerEmail')), completerId: id };
}

function decodeEvent(row: Row<Column>): AuditEvent {
  const base = {
    // Kept and interned, not sliced: a slice of the text would pin its block of the file, and the
    // events file is the largest of a snapshot (a progress event lists every changed device).
    id: row.kept('id', eventId),
    at: row.interned('at', snapshotInstant),
    actor: row.interned('actor', actor),
  };
  const type = row.parse('type', oneOf(TYPES));
  const needs = { activity: false, task: false, exception: false };
  const activity = () => {
    needs.activity = true;
    return row.interned('activityId', activityId);
  };
  const task = () => {
    needs.task = true;
    return row.interned('taskId', taskId);
  };
  const exception = () => {
    needs.exception = true;
    return row.interned('exceptionId', exceptionId);
  };
  const body = (keys: readonly string[]) => row.parse('details', (raw) => jsonObject(raw, keys));
  const inDetails = <T>(read: () => T): T => row.parse('details', read);

  const event = ((): AuditEvent => {
    switch (type) {
      case 'activity.created': {
        const d = body(['targetDevices']);
        return {
          ...base,
          type,
          activityId: activity(),
          targetDevices: inDetails(() => countIn(d, 'targetDevices')),
        };
      }
      case 'activity.imported':
        body([]);
        return { ...base, type, activityId: activity() };
      case 'activity.progress': {
        const d = body(['fixedDevices', 'targetDevices', 'changed']);
        return {
          ...base,
          type,
          activityId: activity(),
          fixedDevices: inDetails(() => countIn(d, 'fixedDevices')),
          targetDevices: inDetails(() => countIn(d, 'targetDevices')),
          changed: inDetails(() => {
            if (!Array.isArray(d.changed)) throw new Error('changed is not a list');
            return d.changed.map((c: unknown) => {
              const o = objectWith(c, CHANGE_KEYS);
              return {
                deviceId: deviceId(stringIn(o, 'deviceId')),
                state: deviceState(stringIn(o, 'state')),
              };
            });
          }),
        };
      }
      case 'activity.completed': {
        const d = body(['method', 'completedOn', 'completerEmail', 'completerId']);
        return { ...base, type, activityId: activity(), completion: inDetails(() => completionIn(d)) };
      }
      case 'activity.removed': {
        const d = body(['reason']);
        return {
          ...base,
          type,
          activityId: activity(),
          reason: inDetails(() => oneOf(['retention'] as const)(stringIn(d, 'reason'))),
        };
      }
      case 'task.created': {
        const d = body(['sentDevices', 'leftOutDevices']);
        return {
          ...base,
          type,
          taskId: task(),
          activityId: activity(),
          sentDevices: inDetails(() => sentDeviceCount(countIn(d, 'sentDevices'))),
          leftOutDevices: inDetails(() => countIn(d, 'leftOutDevices')),
        };
      }
      case 'task.status': {
        const d = body(['from', 'to', 'notes']);
        const status = (k: string) => inDetails(() => oneOf(TASK_STATUSES)(stringIn(d, k)));
        return {
          ...base,
          type,
          taskId: task(),
          activityId: activity(),
          from: status('from'),
          to: status('to'),
          notes: inDetails(() => stringIn(d, 'notes')),
        };
      }
      case 'exception.created':
        body([]);
        return { ...base, type, exceptionId: exception() };
      case 'exception.canceled': {
        const d = body(['group']);
        const group = inDetails(() => (d.group === null ? null : deviceGroupName(stringIn(d, 'group'))));
        return { ...base, type, exceptionId: exception(), group };
      }
      case 'exception.expired':
        body([]);
        return { ...base, type, exceptionId: exception() };
    }
  })();
  if (!needs.activity) row.empty('activityId', `a ${type} event names no activity`);
  if (!needs.task) row.empty('taskId', `a ${type} event names no task`);
  if (!needs.exception) row.empty('exceptionId', `a ${type} event names no exception`);
  return event;
}

export const eventsTable = defineTable({
  file: 'events.csv',
  columns: COLUMNS,
  keyField: 'id',
  key: (e: AuditEvent) => e.id,
  order: canonicalOrder.events,
  orderedByKey: false,
  encode: (e: AuditEvent) => ({
    id: e.id,
    at: e.at,
    actor: e.actor,
    type: e.type,
    ...subject(e),
    details: JSON.stringify(details(e)),
  }),
  decode: decodeEvent,
});
