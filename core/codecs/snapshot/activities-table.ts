import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type Activity,
  type Completion,
  PRIORITIES,
  PRODUCTIVITY_IMPACTS,
  type Progress,
  type TrackedType,
} from '../../model/activity.ts';
import { canonicalOrder } from '../../model/canonical-order.ts';
import { activityId, deviceGroupName, email, recommendationId, taskId } from '../../model/ids.ts';
import { CellProblem } from '../csv/read.ts';
import { encodeList, integer, listOf, oneOf, optionalText, snapshotDate, snapshotInstant } from './cells.ts';
import { defineTable, type Row } from './table.ts';

/** How a completion was made: the vendor's two, and ours for a record that does not say (R-DONE-3). */
const METHODS = ['Automatic', 'Manual', 'Unknown'] as const satisfies readonly Completion['method'][];

const COLUMNS = [
  'id',
  'type',
  'status',
  'title',
  'description',
  'recommendationId',
  'createdOn',
  'requesterId',
  'requesterEmail',
  'statusLastModifiedOn',
  'relatedComponent',
  'rbacGroupNames',
  'requesterNotes',
  'category',
  'productivityImpactRemediationType',
  'priority',
  'dueOn',
  'progressKind',
  'targetDevices',
  'fixedDevices',
  'leftScopeDevices',
  'vanishedDevices',
  'taskId',
  'completionMethod',
  'completedOn',
  'completerEmail',
  'completerId',
  'scid',
  'productId',
  'vendorId',
  'nameId',
  'recommendedVersion',
  'recommendedVendor',
  'recommendedProgram',
] as const;
type Column = (typeof COLUMNS)[number];

const count = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** The union flattened: columns a branch does not have are empty. */
function encodeActivity(a: Activity): Record<Column, string> {
  const completion = a.status === 'Completed' ? a.completion : null;
  const tracked = a.type === 'AttentionRequired' ? null : a;
  const progress = tracked?.progress;
  const devices = progress?.kind === 'devices' ? progress : undefined;
  return {
    id: a.id,
    type: a.type,
    status: a.status,
    title: a.title,
    description: a.description,
    recommendationId: optionalText(a.recommendationId),
    createdOn: a.createdOn,
    requesterId: optionalText(a.requesterId),
    requesterEmail: optionalText(a.requesterEmail),
    statusLastModifiedOn: a.statusLastModifiedOn,
    relatedComponent: a.relatedComponent,
    rbacGroupNames: encodeList(a.rbacGroupNames),
    requesterNotes: a.requesterNotes,
    category: a.category,
    productivityImpactRemediationType: optionalText(a.productivityImpactRemediationType),
    priority: a.priority,
    dueOn: optionalText(tracked?.dueOn ?? null),
    progressKind: progress?.kind ?? '',
    targetDevices: count(progress?.targetDevices),
    fixedDevices: count(progress?.fixedDevices),
    leftScopeDevices: count(devices?.leftScopeDevices),
    vanishedDevices: count(devices?.vanishedDevices),
    taskId: optionalText(tracked?.taskId ?? null),
    completionMethod: completion?.method ?? '',
    completedOn: completion?.completedOn ?? '',
    completerEmail: completion?.method === 'Manual' ? completion.completerEmail : '',
    completerId: completion?.method === 'Manual' ? optionalText(completion.completerId) : '',
    scid: optionalText(a.scid),
    productId: optionalText(a.productId),
    vendorId: optionalText(a.vendorId),
    nameId: optionalText(a.nameId),
    recommendedVersion: optionalText(a.recommendedVersion),
    recommendedVendor: optionalText(a.recommendedVendor),
    recommendedProgram: optionalText(a.recommendedProgram),
  };
}

function decodeCompletion(row: Row<Column>): Completion | null {
  if (row.parse('status', oneOf(ACTIVITY_STATUSES)) === 'Active') {
    for (const c of ['completionMethod', 'completedOn', 'completerEmail', 'completerId'] as const) {
      row.empty(c, 'an active activity has no completion');
    }
    return null;
  }
  const method = row.parse('completionMethod', oneOf(METHODS));
  const completedOn = row.parse('completedOn', snapshotInstant);
  if (method === 'Manual') {
    return {
      method,
      completedOn,
      completerEmail: row.parse('completerEmail', email),
      completerId: row.raw('completerId') === '' ? null : row.raw('completerId'),
    };
  }
  row.empty('completerEmail', `a completion by method ${method} has no completer`);
  row.empty('completerId', `a completion by method ${method} has no completer`);
  return { method, completedOn };
}

/**
 * R-PROG-1: progress counts devices among the target devices, so none of the counts, nor all of
 * them together (a device is in one state at a time), exceeds the target.
 */
function decodeProgress(row: Row<Column>): Progress {
  const kind = row.parse('progressKind', oneOf(['counts', 'devices'] as const));
  const targetDevices = row.parse('targetDevices', integer);
  const fixedDevices = row.parse('fixedDevices', integer);
  if (fixedDevices > targetDevices) {
    throw new CellProblem(
      'fixedDevices',
      `R-PROG-1: ${fixedDevices} fixed devices is more than the ${targetDevices} target devices`,
    );
  }
  if (kind === 'counts') {
    row.empty('leftScopeDevices', 'progress by counts has no left-scope count');
    row.empty('vanishedDevices', 'progress by counts has no vanished count');
    return { kind, targetDevices, fixedDevices };
  }
  const leftScopeDevices = row.parse('leftScopeDevices', integer);
  const vanishedDevices = row.parse('vanishedDevices', integer);
  if (fixedDevices + leftScopeDevices + vanishedDevices > targetDevices) {
    throw new CellProblem(
      'targetDevices',
      `R-PROG-1: ${fixedDevices} fixed, ${leftScopeDevices} left-scope and ${vanishedDevices} vanished devices are more than the ${targetDevices} target devices`,
    );
  }
  return { kind, targetDevices, fixedDevices, leftScopeDevices, vanishedDevices };
}

function decodeActivity(row: Row<Column>): Activity {
  const nullable = (c: Column): string | null => (row.raw(c) === '' ? null : row.raw(c));
  const common = {
    id: row.parse('id', activityId),
    title: row.raw('title'),
    description: row.raw('description'),
    recommendationId: row.optional('recommendationId', recommendationId),
    createdOn: row.parse('createdOn', snapshotInstant),
    requesterId: nullable('requesterId'),
    requesterEmail: row.optional('requesterEmail', email),
    statusLastModifiedOn: row.parse('statusLastModifiedOn', snapshotInstant),
    relatedComponent: row.raw('relatedComponent'),
    rbacGroupNames: row.parse('rbacGroupNames', listOf(deviceGroupName)),
    requesterNotes: row.raw('requesterNotes'),
    category: row.parse('category', oneOf(ACTIVITY_CATEGORIES)),
    productivityImpactRemediationType: row.optional(
      'productivityImpactRemediationType',
      oneOf(PRODUCTIVITY_IMPACTS),
    ),
    priority: row.parse('priority', oneOf(PRIORITIES)),
    scid: nullable('scid'),
    productId: nullable('productId'),
    vendorId: nullable('vendorId'),
    nameId: nullable('nameId'),
    recommendedVersion: nullable('recommendedVersion'),
    recommendedVendor: nullable('recommendedVendor'),
    recommendedProgram: nullable('recommendedProgram'),
  };
  const type = row.parse('type', oneOf(ACTIVITY_TYPES));
  const completion = decodeCompletion(row);
  if (type === 'AttentionRequired') {
    row.empty('dueOn', 'R-ATTN-1: attention required has no due date');
    for (const c of [
      'progressKind',
      'targetDevices',
      'fixedDevices',
      'leftScopeDevices',
      'vanishedDevices',
    ] as const) {
      row.empty(c, 'R-ATTN-1: attention required has no progress');
    }
    row.empty('taskId', 'R-ATTN-1: attention required has no ticket');
    if (completion === null) return { ...common, type, status: 'Active' };
    if (completion.method === 'Automatic') {
      throw new CellProblem('completionMethod', 'attention required is only ever completed by hand');
    }
    return { ...common, type, status: 'Completed', completion };
  }
  const tracked = {
    ...common,
    type: type satisfies TrackedType,
    dueOn: row.optional('dueOn', snapshotDate),
    progress: decodeProgress(row),
    taskId: row.optional('taskId', taskId),
  };
  return completion === null
    ? { ...tracked, status: 'Active' }
    : { ...tracked, status: 'Completed', completion };
}

export const activitiesTable = defineTable({
  file: 'activities.csv',
  columns: COLUMNS,
  keyField: 'id',
  key: (a: Activity) => a.id,
  order: canonicalOrder.activities,
  orderedByKey: true,
  encode: encodeActivity,
  decode: decodeActivity,
});
