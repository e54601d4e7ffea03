import {
  ACTIVITY_DEVICE_STATES,
  ACTIVITY_TYPES,
  type Activity,
  type ActivityType,
} from '../model/activity.ts';
import { TASK_STATUSES } from '../model/intune-task.ts';
import type { ChangeSet } from '../model/state.ts';

/** One reason a row was refused: which table, which row (its key) and which field. */
export interface StoreProblem {
  readonly table: string;
  readonly key: string;
  readonly field: string;
  readonly message: string;
}

/** A commit refused before anything was written: the store is exactly as it was. */
export class StoreValidationError extends Error {
  override readonly name = 'StoreValidationError';
  constructor(readonly problems: readonly StoreProblem[]) {
    const lines = problems.slice(0, 20).map((p) => `${p.table} ${p.key}: ${p.field}: ${p.message}`);
    super(
      problems.length === 1
        ? `refused: ${lines[0]}`
        : `refused, ${problems.length} problems:\n${lines.join('\n')}${problems.length > 20 ? `\n… and ${problems.length - 20} more` : ''}`,
    );
  }
}

const isKey = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const has = (row: object, field: string): boolean =>
  field in row &&
  (row as Record<string, unknown>)[field] !== undefined &&
  (row as Record<string, unknown>)[field] !== null;

/**
 * Everything about a ChangeSet that can be checked without reading the store. Rows arrive from
 * parsers and messages at run time, so the static types are not trusted here: a malformed message can
 * carry fields its type forbids.
 */
export function changeSetProblems(cs: ChangeSet): StoreProblem[] {
  const problems: StoreProblem[] = [];
  const refuse = (table: string, key: unknown, field: string, message: string) =>
    problems.push({ table, key: String(key), field, message });
  const put = cs.put ?? {};

  for (const table of ['recommendations', 'devices', 'tasks', 'exceptions', 'activities'] as const) {
    for (const row of put[table] ?? []) if (!isKey(row.id)) refuse(table, row.id, 'id', 'is empty');
  }
  for (const e of put.exposures ?? []) {
    if (!isKey(e.deviceId)) refuse('exposures', e.deviceId, 'deviceId', 'is empty');
    if (!isKey(e.recommendationId)) refuse('exposures', e.deviceId, 'recommendationId', 'is empty');
  }
  for (const a of put.activities ?? []) activityProblems(a, refuse);
  for (const d of put.activityDevices ?? []) {
    const key = `${d.activityId}/${d.deviceId}`;
    if (!isKey(d.activityId)) refuse('activityDevices', key, 'activityId', 'is empty');
    if (!isKey(d.deviceId)) refuse('activityDevices', key, 'deviceId', 'is empty');
    if (!(ACTIVITY_DEVICE_STATES as readonly string[]).includes(d.state))
      refuse('activityDevices', key, 'state', `"${d.state}" is not a device state`);
  }
  for (const t of put.tasks ?? []) {
    if (!isKey(t.activityId)) refuse('tasks', t.id, 'activityId', 'is empty');
    if (!(TASK_STATUSES as readonly string[]).includes(t.status))
      refuse('tasks', t.id, 'status', `"${t.status}" is not a task status`);
  }
  for (const x of put.exceptions ?? []) {
    if (!isKey(x.recommendationId)) refuse('exceptions', x.id, 'recommendationId', 'is empty');
    const scope = x.scope as { kind?: unknown; groups?: unknown };
    if (scope?.kind === 'groups') {
      // R-EXC-2: a group-scoped exception names at least one group; "no groups" is not "all groups".
      if (!Array.isArray(scope.groups) || scope.groups.length === 0 || !scope.groups.every(isKey))
        refuse('exceptions', x.id, 'scope.groups', 'a device-group exception needs at least one group');
    } else if (scope?.kind !== 'global') {
      refuse('exceptions', x.id, 'scope', 'must be global or a set of device groups');
    }
  }
  const eventIds = new Set<string>();
  for (const e of cs.events) {
    if (!isKey(e.id)) refuse('events', e.id, 'id', 'is empty');
    else if (eventIds.has(e.id)) refuse('events', e.id, 'id', 'appears twice in one change');
    eventIds.add(e.id);
    if (!isKey(e.at)) refuse('events', e.id, 'at', 'is empty');
  }
  return problems;
}

function activityProblems(
  a: Activity,
  refuse: (table: string, key: unknown, field: string, message: string) => void,
): void {
  const status: string = a.status;
  if (!(ACTIVITY_TYPES as readonly string[]).includes(a.type))
    refuse('activities', a.id, 'type', `"${a.type}" is not an activity type`);
  if (status !== 'Active' && status !== 'Completed')
    refuse('activities', a.id, 'status', `"${status}" is not Active or Completed`);
  if (!Array.isArray(a.rbacGroupNames)) refuse('activities', a.id, 'rbacGroupNames', 'must be a list');
  if (a.type === 'AttentionRequired') {
    // R-ATTN-1: attention required has no due date, no progress and no ticket.
    for (const field of ['dueOn', 'progress', 'taskId']) {
      if (has(a, field)) refuse('activities', a.id, field, 'an attention-required activity has none');
    }
    // R-DONE-2: attention required is only ever completed by hand.
    if (a.status === 'Completed' && (a.completion as { method: string }).method === 'Automatic')
      refuse(
        'activities',
        a.id,
        'completion',
        'an attention-required activity is never completed automatically',
      );
  } else if ((ACTIVITY_TYPES as readonly string[]).includes(a.type)) {
    if (!has(a, 'progress')) refuse('activities', a.id, 'progress', 'is missing');
    if (!Object.hasOwn(a, 'dueOn')) refuse('activities', a.id, 'dueOn', 'is missing (null when none)');
  }
}

/**
 * The checks that need the stored rows too: a task may not belong to an attention-required activity
 * (R-ATTN-1: no ticket), whether the task or the activity is the row being put.
 */
export function taskOwnerProblems(
  tasks: readonly { readonly id: string; readonly activityId: string }[],
  activityTypeOf: (activityId: string) => ActivityType | undefined,
): StoreProblem[] {
  return tasks
    .filter((t) => activityTypeOf(t.activityId) === 'AttentionRequired')
    .map((t) => ({
      table: 'tasks',
      key: t.id,
      field: 'activityId',
      message: `activity ${t.activityId} is attention required, which has no Intune task (R-ATTN-1)`,
    }));
}
