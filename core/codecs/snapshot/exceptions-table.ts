import { canonicalOrder } from '../../model/canonical-order.ts';
import { type Cancellation, JUSTIFICATIONS, type RemediationException } from '../../model/exception.ts';
import { type DeviceGroupName, deviceGroupName, exceptionId, recommendationId } from '../../model/ids.ts';
import { CellProblem } from '../csv/read.ts';
import {
  actor,
  encodeList,
  jsonObject,
  listOf,
  oneOf,
  snapshotDate,
  snapshotInstant,
  stringIn,
} from './cells.ts';
import { defineTable } from './table.ts';

type GroupCancellation = Cancellation & { readonly group: DeviceGroupName };

function canceledGroups(raw: string): GroupCancellation[] {
  const value: unknown = JSON.parse(raw);
  if (!Array.isArray(value)) throw new Error('is not a JSON array');
  return value.map((item: unknown, i) => {
    try {
      const o = jsonObject(JSON.stringify(item), ['group', 'on', 'by']);
      return {
        group: deviceGroupName(stringIn(o, 'group')),
        on: snapshotInstant(stringIn(o, 'on')),
        by: actor(stringIn(o, 'by')),
      };
    } catch (e) {
      throw new Error(`[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

export const exceptionsTable = defineTable({
  file: 'exceptions.csv',
  columns: [
    'id',
    'recommendationId',
    'justification',
    'context',
    'createdOn',
    'createdBy',
    'expiresOn',
    'scope',
    'groups',
    'canceledOn',
    'canceledBy',
    'canceledGroups',
  ],
  keyField: 'id',
  key: (x: RemediationException) => x.id,
  order: canonicalOrder.exceptions,
  orderedByKey: true,
  encode: (x: RemediationException) => ({
    id: x.id,
    recommendationId: x.recommendationId,
    justification: x.justification,
    context: x.context,
    createdOn: x.createdOn,
    createdBy: x.createdBy,
    expiresOn: x.expiresOn,
    scope: x.scope.kind,
    groups: encodeList(x.scope.kind === 'groups' ? x.scope.groups : []),
    canceledOn: x.canceled?.on ?? '',
    canceledBy: x.canceled?.by ?? '',
    // Built key by key so the JSON is the same whatever order the object was made in.
    canceledGroups: JSON.stringify(x.canceledGroups.map((c) => ({ group: c.group, on: c.on, by: c.by }))),
  }),
  decode: (row): RemediationException => {
    const kind = row.parse('scope', oneOf(['global', 'groups'] as const));
    const groups = row.parse('groups', listOf(deviceGroupName));
    const [first, ...rest] = groups;
    if (kind === 'global' && first !== undefined)
      throw new CellProblem('groups', 'a global exception names no groups');
    if (kind === 'groups' && first === undefined) {
      throw new CellProblem('groups', 'R-EXC-2: a group exception names at least one group');
    }
    const canceledOn = row.optional('canceledOn', snapshotInstant);
    const canceledBy = row.optional('canceledBy', actor);
    if ((canceledOn === null) !== (canceledBy === null)) {
      throw new CellProblem(
        canceledOn === null ? 'canceledOn' : 'canceledBy',
        'a cancellation needs both when and by whom',
      );
    }
    return {
      id: row.parse('id', exceptionId),
      recommendationId: row.parse('recommendationId', recommendationId),
      justification: row.parse('justification', oneOf(JUSTIFICATIONS)),
      context: row.raw('context'),
      createdOn: row.parse('createdOn', snapshotInstant),
      createdBy: row.parse('createdBy', actor),
      expiresOn: row.parse('expiresOn', snapshotDate),
      scope: first === undefined ? { kind: 'global' } : { kind: 'groups', groups: [first, ...rest] },
      canceled: canceledOn !== null && canceledBy !== null ? { on: canceledOn, by: canceledBy } : null,
      canceledGroups: row.parse('canceledGroups', canceledGroups),
    };
  },
});
