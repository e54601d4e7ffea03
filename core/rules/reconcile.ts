import type { ActivityDevice, ActivityDeviceState, TrackedActivity } from '../model/activity.ts';
import { exposureKey } from '../model/apply-changes.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { Device } from '../model/device.ts';
import type { Exposure } from '../model/exposure.ts';
import type { IdSource } from '../model/id-source.ts';
import type { ActivityId, DeviceGroupName, DeviceId, RecommendationId } from '../model/ids.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';

/**
 * A newer exposure import: the whole new picture (`full`), or what a delta or part of a picture
 * says of the device × recommendation cells it names (`cells`, keyed by `exposureKey`);
 * part of a picture shows only exposed cells, and fixes none.
 */
export type ExposureUpdate =
  | { readonly kind: 'full'; readonly exposures: readonly Exposure[] }
  | { readonly kind: 'cells'; readonly exposed: ReadonlySet<string>; readonly fixed: ReadonlySet<string> };

type DeviceTracked = TrackedActivity & {
  readonly status: 'Active';
  readonly progress: Extract<TrackedActivity['progress'], { kind: 'devices' }>;
  readonly recommendationId: RecommendationId;
};

const isReconcilable = (a: State['activities'][number]): a is DeviceTracked =>
  a.type !== 'AttentionRequired' &&
  a.status === 'Active' &&
  a.progress.kind === 'devices' &&
  a.recommendationId !== null;

/** Where a device stands for one recommendation in the newer import, before scope is considered. */
type Judge = (
  deviceId: DeviceId,
  recommendationId: RecommendationId,
  current: ActivityDeviceState,
) => ActivityDeviceState;

function judgeFull(
  exposures: readonly Exposure[],
  recs: ReadonlySet<RecommendationId>,
  known: ReadonlyMap<DeviceId, Device>,
): Judge {
  const exposedTo = new Map<RecommendationId, Set<DeviceId>>();
  const inExport = new Set<DeviceId>();
  for (const e of exposures) {
    inExport.add(e.deviceId);
    if (!recs.has(e.recommendationId)) continue;
    const set = exposedTo.get(e.recommendationId);
    if (set) set.add(e.deviceId);
    else exposedTo.set(e.recommendationId, new Set([e.deviceId]));
  }
  return (deviceId, recId) => {
    if (exposedTo.get(recId)?.has(deviceId)) return 'exposed';
    if (!inExport.has(deviceId) && !known.has(deviceId)) return 'vanished';
    return 'fixed';
  };
}

function judgeCells(
  update: Extract<ExposureUpdate, { kind: 'cells' }>,
  known: ReadonlyMap<DeviceId, Device>,
): Judge {
  return (deviceId, recId, current) => {
    const key = exposureKey({ deviceId, recommendationId: recId });
    if (update.exposed.has(key)) return 'exposed';
    if (update.fixed.has(key)) return 'fixed';
    if (!known.has(deviceId)) return 'vanished';
    // Out-of-scope and vanished are recomputed each time; a device that came back is exposed until shown fixed.
    return current === 'fixed' ? 'fixed' : 'exposed';
  };
}

/** Device rows grouped by activity, optionally only for some activities (one pass). */
export function rowsByActivity(
  rows: readonly ActivityDevice[],
  only?: ReadonlyMap<ActivityId, unknown>,
): Map<ActivityId, ActivityDevice[]> {
  const out = new Map<ActivityId, ActivityDevice[]>();
  for (const r of rows) {
    if (only && !only.has(r.activityId)) continue;
    const list = out.get(r.activityId);
    if (list) list.push(r);
    else out.set(r.activityId, [r]);
  }
  return out;
}

/**
 * R-PROG-1 + R-DONE-1: bring every Active tracked activity that has device rows up to a newer
 * exposure import. A target device is fixed when the import no longer shows it exposed to the
 * activity's recommendation (or a delta marks it Fixed); devices moved out of the chosen groups
 * (`leftScope`) or gone from both the export and the device list (`vanished`) are counted apart,
 * never as fixed (PD). When every target device is fixed the activity completes automatically.
 *
 * PD: vendor activities known only by counts (no device rows) are left as the vendor reports them;
 * attention-required activities have no progress and are never touched. Nothing changed ⇒ an
 * empty ChangeSet, so importing the same export twice is a no-op.
 *
 * Cost is linear in exposures + device rows + devices (maps and sets, no nested scans).
 */
export function reconcileActivities(
  state: State,
  next: ExposureUpdate,
  devices: readonly Device[],
  now: Instant,
  ids?: IdSource,
): ChangeSet {
  const tracked = new Map<ActivityId, DeviceTracked>();
  for (const a of state.activities) if (isReconcilable(a)) tracked.set(a.id, a);
  if (tracked.size === 0) return { events: [] };

  const rowsOf = rowsByActivity(state.activityDevices, tracked);
  const known = new Map(devices.map((d) => [d.id, d]));
  const recs = new Set([...tracked.values()].map((a) => a.recommendationId));
  const judge = next.kind === 'full' ? judgeFull(next.exposures, recs, known) : judgeCells(next, known);

  const putActivities: TrackedActivity[] = [];
  const putRows: ActivityDevice[] = [];
  const events: AuditEvent[] = [];
  for (const [id, activity] of tracked) {
    const rows = rowsOf.get(id);
    if (!rows || rows.length === 0) continue;
    const scope: ReadonlySet<DeviceGroupName> | null =
      activity.rbacGroupNames.length === 0 ? null : new Set(activity.rbacGroupNames);
    const counts = { fixed: 0, leftScope: 0, vanished: 0 };
    const changed: { deviceId: DeviceId; state: ActivityDeviceState }[] = [];
    for (const r of rows) {
      const group = known.get(r.deviceId)?.rbacGroupName;
      const judged = judge(r.deviceId, activity.recommendationId, r.state);
      const state: ActivityDeviceState =
        judged !== 'vanished' && scope && group !== undefined && !scope.has(group) ? 'leftScope' : judged;
      if (state === 'fixed') counts.fixed++;
      else if (state === 'leftScope') counts.leftScope++;
      else if (state === 'vanished') counts.vanished++;
      if (state !== r.state) {
        changed.push({ deviceId: r.deviceId, state });
        putRows.push({ ...r, state, changedOn: now });
      }
    }
    if (changed.length === 0) continue;

    const progress = {
      kind: 'devices',
      targetDevices: activity.progress.targetDevices,
      fixedDevices: counts.fixed,
      leftScopeDevices: counts.leftScope,
      vanishedDevices: counts.vanished,
    } as const;
    events.push(
      auditEvent(
        {
          type: 'activity.progress',
          activityId: id,
          fixedDevices: counts.fixed,
          targetDevices: progress.targetDevices,
          changed,
        },
        now,
        'system',
        ids,
      ),
    );
    // R-DONE-1: every target device fixed — none left out of scope, vanished or still exposed.
    if (counts.fixed === rows.length && counts.fixed === progress.targetDevices) {
      const completion = { method: 'Automatic', completedOn: now } as const;
      putActivities.push({
        ...activity,
        progress,
        status: 'Completed',
        completion,
        statusLastModifiedOn: now,
      });
      events.push(auditEvent({ type: 'activity.completed', activityId: id, completion }, now, 'system', ids));
    } else {
      putActivities.push({ ...activity, progress });
    }
  }
  if (events.length === 0) return { events: [] };
  return { put: { activities: putActivities, activityDevices: putRows }, events };
}
