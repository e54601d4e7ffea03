import type { Activity, ActivityDevice } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import { type BundleChange, isUserChangeType } from '../model/change-bundle.ts';
import type { ActivityId } from '../model/ids.ts';
import type { State } from '../model/state.ts';

/** Whether an event is an admin's own change, which travels to the team's archive (R-MERGE-1). */
export const isUserChange = (e: AuditEvent): boolean =>
  e.actor !== 'system' &&
  isUserChangeType(e.type) &&
  !(e.type === 'activity.completed' && e.completion.method !== 'Manual');

/**
 * The admin changes a state's history records (those `include` picks, in history order), each with
 * the rows it created as they were when created: an activity Active with no device fixed yet, a
 * ticket pending, an exception not canceled. Later changes (completion, ticket status, cancellation)
 * travel as their own events, and progress is the archive's to work out from its exposure data, so
 * the rows of today are wound back to their creation. This is what the extension sends (its changes
 * not yet in the team state), and how a snapshot exported by an older extension is merged.
 *
 * Changes about an activity the state no longer has (removed by retention, R-RET-1) are left out,
 * and counted in `skipped`.
 */
export function changesInHistory(
  state: State,
  include: (e: AuditEvent) => boolean,
): { readonly changes: BundleChange[]; readonly skipped: number } {
  const activities = new Map(state.activities.map((a) => [a.id, a]));
  const tasks = new Map(state.tasks.map((t) => [t.id, t]));
  const exceptions = new Map(state.exceptions.map((x) => [x.id, x]));
  const devicesOf = new Map<ActivityId, ActivityDevice[]>();
  for (const d of state.activityDevices) {
    const list = devicesOf.get(d.activityId);
    if (list) list.push(d);
    else devicesOf.set(d.activityId, [d]);
  }
  const changes: BundleChange[] = [];
  let skipped = 0;
  for (const event of inMadeOrder(state.events.filter((e) => isUserChange(e) && include(e)))) {
    const about = 'activityId' in event ? event.activityId : null;
    if (about !== null && !activities.has(about)) {
      skipped++;
      continue;
    }
    switch (event.type) {
      case 'activity.created': {
        const a = activities.get(event.activityId) as Activity;
        changes.push({
          event,
          activity: asCreated(a, event.targetDevices),
          devices: (devicesOf.get(a.id) ?? []).map((d) => ({
            ...d,
            state: 'exposed',
            changedOn: a.createdOn,
          })),
        });
        break;
      }
      case 'task.created': {
        const t = tasks.get(event.taskId);
        if (t === undefined) {
          skipped++;
          break;
        }
        changes.push({
          event,
          task: {
            ...t,
            status: 'pending',
            reviewerNotes: '',
            statusChangedOn: t.createdOn,
            statusChangedBy: event.actor,
          },
        });
        break;
      }
      case 'exception.created': {
        const x = exceptions.get(event.exceptionId);
        if (x === undefined) {
          skipped++;
          break;
        }
        changes.push({ event, exception: { ...x, canceled: null, canceledGroups: [] } });
        break;
      }
      case 'task.status':
      case 'activity.completed':
      case 'exception.canceled':
        changes.push({ event });
        break;
    }
  }
  return { changes, skipped };
}

// The history orders events of one instant by id; what a change is about was made before it.
const RANK: Partial<Record<AuditEvent['type'], number>> = {
  'activity.created': 0,
  'exception.created': 0,
  'task.created': 1,
};
const inMadeOrder = (events: readonly AuditEvent[]): AuditEvent[] =>
  [...events].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : (RANK[a.type] ?? 2) - (RANK[b.type] ?? 2),
  );

/** An activity as `requestRemediation` made it: Active, nothing fixed. */
function asCreated(a: Activity, targetDevices: number): Activity {
  const { completion: _, ...rest } = a as Activity & { completion?: unknown };
  const active = { ...rest, status: 'Active' as const, statusLastModifiedOn: a.createdOn };
  return a.type === 'AttentionRequired'
    ? (active as Activity)
    : ({
        ...active,
        progress: {
          kind: 'devices',
          targetDevices,
          fixedDevices: 0,
          leftScopeDevices: 0,
          vanishedDevices: 0,
        },
      } as Activity);
}
