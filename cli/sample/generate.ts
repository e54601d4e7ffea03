import {
  type ActivityType,
  addDays,
  addDaysToInstant,
  applyChanges,
  applyRetention,
  type ChangeSet,
  cancelException,
  canonicalState,
  createException,
  type DeviceGroupName,
  dayOf,
  deviceGroupName,
  type ExceptionInput,
  expireExceptions,
  type IdSource,
  type Instant,
  instant,
  JUSTIFICATIONS,
  type Justification,
  markComplete,
  PRIORITIES,
  type Priority,
  type Result,
  recommendationId,
  reconcileActivities,
  requestRemediation,
  type State,
  setTaskStatus,
} from '../../core/index.ts';
import { ADMIN, GROUP_NAMES, HOSTILE, NOTES, RECOMMENDATIONS, REQUESTERS } from './catalogue.ts';
import { startWorld } from './devices.ts';
import { importedHistory } from './history.ts';
import { mulberry32, type Rng } from './prng.ts';
import { recommendationRows } from './recommendation-rows.ts';
import type { Week } from './week.ts';
import { changeWorld } from './world-changes.ts';
import { worldTables } from './world-snapshot.ts';

export interface SampleOptions {
  readonly devices: number;
  readonly weeks: number;
  readonly seed: number;
}

export interface SampleWeek {
  readonly at: Instant;
  readonly state: State;
}

/** The last snapshot is always taken at this moment, so the bundled archive ends on a fixed day. */
export const SAMPLE_END: Instant = instant('2026-11-29T08:00:00Z');

/** Ids from the seeded generator, GUID-shaped like the vendor's. */
const seededIds = (rng: Rng): IdSource => ({ next: () => rng.guid() });

/**
 * Builds a tenant and lets it live for `weeks` weeks, one State per week. The week-to-week changes
 * are what the product itself would record: the devices and exposures evolve (patching, churn, new
 * releases), and everything else goes through core's rules — requestRemediation, reconcileActivities
 * (progress and automatic completion), setTaskStatus, markComplete, createException,
 * cancelException, expireExceptions, applyRetention — committed with applyChanges. Work per week is
 * linear in devices + exposures + device rows, so 100,000 devices × 52 weeks stays practical.
 */
export function* generateSample(options: SampleOptions): Generator<SampleWeek> {
  const rng = mulberry32(options.seed);
  const ids = seededIds(mulberry32(options.seed ^ 0x5eed));
  const at = (k: number) => addDaysToInstant(SAMPLE_END, -7 * (options.weeks - 1 - k));
  const groups = GROUP_NAMES;
  const people = REQUESTERS;
  const admin = ADMIN;

  const world = startWorld({ index: 0, now: at(0), rng, ids }, options.devices);
  const { devices } = world;
  const start = at(0);

  let state: State = canonicalState({
    ...importedHistory({ rng, ids, start }),
    recommendations: [],
    devices: [],
    exposures: [],
  });
  const commit = (cs: ChangeSet) => {
    state = applyChanges(state, cs);
  };
  const attempt = (r: Result<ChangeSet>) => {
    if (r.ok) commit(r.value);
  };

  for (let k = 0; k < options.weeks; k++) {
    const now = at(k);
    const week: Week = { index: k, now, rng, ids, world };
    if (k > 0) changeWorld(week, state);
    const next = worldTables(world, { state, now });
    const reconcile = reconcileActivities(
      state,
      { kind: 'full', exposures: next.exposures },
      next.devices,
      now,
      ids,
    );
    state = { ...state, ...next };
    commit(reconcile);
    moveTasks(now);
    completeByHand(now, k);
    request(now, k);
    handleExceptions(now, k);
    commit(expireExceptions(state, now));
    commit(applyRetention(state, now));
    state = { ...state, recommendations: recommendationRows(world, { state, now }) };
    yield { at: now, state };
  }

  function moveTasks(now: Instant): void {
    const activities = new Map(state.activities.map((a) => [a.id, a]));
    for (const task of state.tasks) {
      const activity = activities.get(task.activityId);
      if (task.status === 'pending' && task.createdOn < now) {
        if (rng.chance(0.15)) {
          attempt(
            setTaskStatus(
              task,
              'rejected',
              rng.chance(0.5) ? rng.pick(HOSTILE) : 'Out of scope for this quarter.',
              admin,
              now,
            ),
          );
        } else if (rng.chance(0.8)) {
          attempt(setTaskStatus(task, 'active', '', admin, now));
        }
      } else if (task.status === 'active' && activity?.status === 'Completed') {
        attempt(setTaskStatus(task, 'completed', 'Deployment finished.', admin, now));
      }
    }
  }

  function completeByHand(now: Instant, k: number): void {
    if (k === 0) return;
    for (const a of state.activities) {
      if (a.status !== 'Active' || a.createdOn >= now) continue;
      const p = a.type === 'AttentionRequired' ? 0.15 : 0.04;
      if (rng.chance(p)) attempt(markComplete(a, rng.pick(people), now));
    }
  }

  function request(now: Instant, k: number): void {
    // Week 0 opens with a broad, urgent browser request sent to Intune: over 10,000 exposed devices
    // (large tenants) it shows R-INT-2's limit; on small ones it is simply the biggest task.
    if (k === 0) {
      submit(
        now,
        'va-_-microsoft-_-edge_chromium-based',
        'Update',
        'all',
        'High',
        30,
        true,
        'Monthly browser baseline.',
      );
      submit(now, 'va-_-oracle-_-jre', 'AttentionRequired', 'all', 'Medium', null, false, HOSTILE[5]);
      submit(now, 'sca-_-scid-2011', 'ConfigurationChange', 'all', 'Low', 7, false, '');
      submit(now, 'va-_-google-_-chrome', 'Update', 'some', 'High', 7, true, HOSTILE[0]);
    }
    const count = k === 0 ? 3 : rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const spec = rng.pick(RECOMMENDATIONS);
      const config = spec.remediationType === 'ConfigurationChange';
      const type: ActivityType = config
        ? 'ConfigurationChange'
        : rng.weighted<ActivityType>([
            [spec.remediationType, 70],
            ['Uninstall', 8],
            ['AttentionRequired', 22],
          ]);
      const priority = rng.pick(PRIORITIES);
      const due = type === 'AttentionRequired' ? null : rng.pick([7, 14, 30, 60]);
      const notes = rng.chance(0.25) ? rng.pick(HOSTILE) : rng.pick(NOTES);
      submit(
        now,
        spec.id,
        type,
        rng.chance(0.3) ? 'all' : 'some',
        priority,
        due,
        type !== 'AttentionRequired' && rng.chance(0.4),
        notes,
      );
    }
  }

  function submit(
    now: Instant,
    rec: string,
    type: ActivityType,
    scope: 'all' | 'some',
    priority: Priority,
    dueInDays: number | null,
    intune: boolean,
    notes: string,
  ): void {
    const id = recommendationId(rec);
    const exposedGroups = [
      ...new Set(
        state.exposures
          .filter((e) => e.recommendationId === id)
          .map((e) => devices.get(e.deviceId)?.rbacGroupName),
      ),
    ]
      .filter((g): g is DeviceGroupName => g !== undefined)
      .sort();
    if (exposedGroups.length === 0) return;
    const chosen = scope === 'all' ? 'all' : pickSome(exposedGroups);
    const r = requestRemediation(
      {
        recommendationId: id,
        type,
        groups: chosen,
        priority,
        dueOn: dueInDays === null ? null : addDays(dayOf(now), dueInDays),
        notes,
        createIntuneTask: intune,
      },
      { state, now, actor: rng.pick(people), ids, settings: { intuneEnabled: true } },
    );
    if (r.ok) commit(r.value.changes);
  }

  function pickSome(from: readonly DeviceGroupName[]): DeviceGroupName[] {
    const n = Math.min(from.length, rng.int(1, 2));
    const pool = [...from];
    const out: DeviceGroupName[] = [];
    while (out.length < n) out.push(...pool.splice(rng.int(0, pool.length - 1), 1));
    return out.sort();
  }

  function handleExceptions(now: Instant, k: number): void {
    const create = (
      rec: string,
      justification: Justification,
      scope: ExceptionInput['scope'],
      days: number,
      context: string,
    ) => {
      const expiry: ExceptionInput['expiry'] =
        days === 30 || days === 60 || days === 90 ? { days } : { on: addDays(dayOf(now), days) };
      const r = createException(
        { recommendationId: recommendationId(rec), justification, context, expiry, scope },
        {
          state,
          now,
          actor: scope.kind === 'global' ? admin : rng.pick(people),
          ids,
          isAdmin: scope.kind === 'global',
        },
      );
      if (r.ok) commit(r.value.changes);
      return r.ok ? r.value.exception : null;
    };
    const g = (name: string) => deviceGroupName(name);
    if (k === 0) {
      // Every justification and both scopes; group exceptions on Autoplay that a global one will suspend.
      create(
        'va-_-oracle-_-jre',
        'ThirdPartyControl',
        { kind: 'groups', groups: [g('Finance')] },
        90,
        'Java is blocked by the proxy for Finance.',
      );
      create(
        'sca-_-scid-90',
        'AlternateMitigation',
        { kind: 'groups', groups: [g('Servers-Prod'), g('Servers-Dev')] },
        120,
        'Autoplay is disabled by GPO on servers; scanner does not see it.',
      );
      create(
        'va-_-videolan-_-vlc_media_player',
        'RiskAccepted',
        { kind: 'groups', groups: [g('Kiosks')] },
        14,
        HOSTILE[1],
      );
      create(
        'va-_-7-zip-_-7-zip',
        'PlannedRemediation',
        { kind: 'groups', groups: [g('Engineering'), g('Sales & "Marketing"')] },
        60,
        HOSTILE[6],
      );
      create('va-_-apple-_-safari', 'RiskAccepted', { kind: 'global' }, 30, HOSTILE[7]);
    }
    if (k === 1) {
      create(
        'sca-_-scid-90',
        'PlannedRemediation',
        { kind: 'global' },
        30,
        'Fleet-wide Autoplay GPO rollout planned; <b>until then</b> accepted.',
      );
    }
    if (k === 3) cancelOne('va-_-7-zip-_-7-zip', g('Engineering'));
    if (k === 5) cancelOne('va-_-7-zip-_-7-zip', null);
    if (k > 0 && rng.chance(0.35)) {
      const spec = rng.pick(RECOMMENDATIONS);
      const justification = rng.pick(JUSTIFICATIONS);
      create(
        spec.id,
        justification,
        { kind: 'groups', groups: [rng.pick(groups)] },
        rng.pick([30, 60, 90, 200]),
        rng.chance(0.3) ? rng.pick(HOSTILE) : 'Reviewed with the service owner.',
      );
    }
    if (k > 6 && rng.chance(0.2)) {
      const open = state.exceptions.filter((e) => e.canceled === null && e.expiresOn > dayOf(now));
      if (open.length > 0) attempt(cancelException(rng.pick(open), null, rng.pick(people), now, ids));
    }

    function cancelOne(rec: string, group: DeviceGroupName | null): void {
      const exc = state.exceptions.find((e) => e.recommendationId === rec && e.canceled === null);
      if (exc) attempt(cancelException(exc, group, rng.pick(people), now, ids));
    }
  }
}
