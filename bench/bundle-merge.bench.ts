/**
 * Merging the change bundles of 20 admins (1,000 events each) into a 100,000-device archive with
 * core's `mergeBundles` (then `applyChanges` of what it returns), against applying the same events
 * and the rows they carry with `applyChanges` in one pass, in the same run.
 */
import {
  type Activity,
  type ActivityDevice,
  type AuditEvent,
  applyChanges,
  auditEvent,
  type BundleChange,
  type ChangeBundle,
  decodeChangeBundle,
  decodeSnapshot,
  email,
  encodeChangeBundle,
  encodeSnapshot,
  type IntuneTask,
  instantFromDate,
  mergeBundles,
  type RemediationException,
  recommendationId,
  type State,
  taskId,
} from '../core/index.ts';
import {
  device,
  exc,
  exposure,
  group,
  rec,
  row,
  stateWith,
  T0,
  task,
  tracked,
} from '../test/support/core/builders.ts';
import { type Benchmark, median, seconds, timed } from './measure.ts';

const DEVICES = 100_000;
const GROUPS = 10;
const RECOMMENDATIONS = 40;
const EXPOSURES_PER_DEVICE = 5;
const BASE_ACTIVITIES = 200;
const ADMINS = 20;
/** Per admin: 150 requests with a ticket (300 events), 200 ticket statuses, 200 completions, 150 exceptions made and canceled. */
const REQUESTS = 150;
const DEVICES_PER_REQUEST = 100;
const RUNS = 5;
/** The team state every admin started from, as the extension names it. */
const TEAM = { archive: 'bench-archive', snapshot: '2024-06-01T000000Z' };

const recId = (n: number) => recommendationId(`va-_-vendor${n}-_-product${n}`);
const at = (minute: number) => new Date(Date.parse(T0) + minute * 60_000).toISOString() as AuditEvent['at'];

function archive(): State {
  const devices = Array.from({ length: DEVICES }, (_, i) => device(i + 1, `Group ${i % GROUPS}`));
  const exposures = devices.flatMap((_, i) =>
    Array.from({ length: EXPOSURES_PER_DEVICE }, (_, k) => exposure(i + 1, recId((i + k) % RECOMMENDATIONS))),
  );
  const activities: Activity[] = [];
  const activityDevices: ActivityDevice[] = [];
  const tasks: IntuneTask[] = [];
  for (let a = 0; a < BASE_ACTIVITIES; a++) {
    const id = `base-${a}`;
    const task = baseTask(id);
    activities.push(tracked(id, { recommendationId: recId(a % RECOMMENDATIONS), taskId: task.id }));
    tasks.push(task);
    for (let d = 0; d < 500; d++)
      activityDevices.push(row(id, ((a * 500 + d) % DEVICES) + 1, `Group ${d % GROUPS}`));
  }
  return applyChanges(
    stateWith({
      recommendations: Array.from({ length: RECOMMENDATIONS }, (_, n) => rec({ id: recId(n) })),
      devices,
    }),
    { put: { exposures, activities, activityDevices, tasks }, events: [] },
  );
}

const baseTask = (activity: string): IntuneTask =>
  task(`task-${activity}`, activity, { sentDevices: 500, statusChangedBy: 'it@contoso.com' });

/** One admin's 1,000 changes, made on the archive's state; some overlap other admins' (same targets). */
function bundleOf(admin: number): ChangeBundle {
  const who = email(`admin${admin}@contoso.com`);
  const changes: BundleChange[] = [];
  let minute = admin;
  const tick = () => {
    minute += 1;
    return at(minute);
  };
  for (let r = 0; r < REQUESTS; r++) {
    const id = `a${admin}-r${r}`;
    const now = tick();
    const task: IntuneTask = {
      ...baseTask(id),
      id: taskId(`task-${id}`),
      createdOn: now,
      statusChangedOn: now,
      statusChangedBy: who,
    };
    const activity = tracked(id, {
      recommendationId: recId(r % RECOMMENDATIONS),
      createdOn: now,
      statusLastModifiedOn: now,
      requesterEmail: who,
      taskId: task.id,
    });
    const devices = Array.from({ length: DEVICES_PER_REQUEST }, (_, d) =>
      row(id, ((admin * 7919 + r * DEVICES_PER_REQUEST + d) % DEVICES) + 1, `Group ${d % GROUPS}`, {
        changedOn: now,
      }),
    );
    changes.push({
      event: auditEvent(
        { type: 'activity.created', activityId: activity.id, targetDevices: DEVICES_PER_REQUEST },
        now,
        who,
        { next: () => `${id}-created` },
      ) as Extract<AuditEvent, { type: 'activity.created' }>,
      activity,
      devices,
    });
    changes.push({
      event: auditEvent(
        {
          type: 'task.created',
          taskId: task.id,
          activityId: activity.id,
          sentDevices: 500,
          leftOutDevices: 0,
        },
        now,
        who,
        { next: () => `${id}-task` },
      ) as Extract<AuditEvent, { type: 'task.created' }>,
      task,
    });
  }
  for (let s = 0; s < 200; s++) {
    const base = `base-${(admin * 13 + s) % BASE_ACTIVITIES}`;
    changes.push({
      event: auditEvent(
        {
          type: 'task.status',
          taskId: taskId(`task-${base}`),
          activityId: tracked(base).id,
          from: 'pending',
          to: s % 2 ? 'active' : 'rejected',
          notes: `n${s}`,
        },
        tick(),
        who,
      ) as Extract<AuditEvent, { type: 'task.status' }>,
    });
  }
  for (let c = 0; c < 200; c++) {
    const target = c % 2 ? `base-${(admin * 31 + c) % BASE_ACTIVITIES}` : `a${admin}-r${c % REQUESTS}`;
    const completedOn = tick();
    changes.push({
      event: auditEvent(
        {
          type: 'activity.completed',
          activityId: tracked(target).id,
          completion: { method: 'Manual', completedOn, completerEmail: who, completerId: null },
        },
        completedOn,
        who,
      ) as Extract<AuditEvent, { type: 'activity.completed' }>,
    });
  }
  for (let x = 0; x < 150; x++) {
    const id = `x${admin}-${x}`;
    const now = tick();
    const exception: RemediationException = exc(id, {
      recommendationId: recId(x % RECOMMENDATIONS),
      createdOn: now,
      createdBy: who,
      scope: { kind: 'groups', groups: [group('Group 1'), group('Group 2')] },
    });
    changes.push({
      event: auditEvent({ type: 'exception.created', exceptionId: exception.id }, now, who, {
        next: () => `${id}-made`,
      }) as Extract<AuditEvent, { type: 'exception.created' }>,
      exception,
    });
    changes.push({
      event: auditEvent(
        { type: 'exception.canceled', exceptionId: exception.id, group: group('Group 1') },
        tick(),
        who,
      ) as Extract<AuditEvent, { type: 'exception.canceled' }>,
    });
  }
  return { admin: who, install: `install-${admin}`, base: TEAM, createdAt: tick(), changes };
}

export const bundleMergeBench: Benchmark = {
  name: `merging ${ADMINS} change bundles of 1,000 events into a ${DEVICES.toLocaleString('en')}-device archive`,
  async run(report) {
    // As an import meets them: the archive decoded from its snapshot, the bundles from their files.
    const files = await encodeSnapshot(archive(), { generatedAt: T0, source: 'bench' });
    const state = (await decodeSnapshot(files, 'bench archive')).state;
    const bundles = await Promise.all(
      Array.from({ length: ADMINS }, async (_, a) =>
        decodeChangeBundle(await encodeChangeBundle(bundleOf(a)), `bundle-${a}.jsonl`),
      ),
    );
    const events = bundles.reduce((n, b) => n + b.changes.length, 0);
    report(
      `archive: ${state.devices.length.toLocaleString('en')} devices, ${state.exposures.length.toLocaleString('en')} exposures, ${state.activityDevices.length.toLocaleString('en')} activity devices; ${events.toLocaleString('en')} events in ${ADMINS} bundles`,
    );
    // The baseline: the same events, and the rows the bundles carry, put by one applyChanges.
    const onePass = {
      put: {
        activities: bundles.flatMap((b) => b.changes.flatMap((c) => ('activity' in c ? [c.activity] : []))),
        activityDevices: bundles.flatMap((b) => b.changes.flatMap((c) => ('devices' in c ? c.devices : []))),
        tasks: bundles.flatMap((b) => b.changes.flatMap((c) => ('task' in c ? [c.task] : []))),
        exceptions: bundles.flatMap((b) => b.changes.flatMap((c) => ('exception' in c ? [c.exception] : []))),
      },
      events: bundles.flatMap((b) => b.changes.map((c) => c.event)),
    };
    const inputs = bundles.map((bundle, i) => ({ file: `bundle-${i}.jsonl`, bundle }));
    const floor: number[] = [];
    const merged: number[] = [];
    // One run of each first, unmeasured: both are compiled and warm before the runs that count.
    for (let r = -1; r < RUNS; r++) {
      globalThis.gc?.();
      const f = await timed(async () => applyChanges(state, onePass));
      globalThis.gc?.();
      const m = await timed(async () => {
        const out = mergeBundles(state, inputs, { archive: TEAM.archive, now: instantFromDate(new Date()) });
        return applyChanges(state, out.changes);
      });
      if (r < 0) continue;
      floor.push(f.ms);
      merged.push(m.ms);
    }
    const f = median(floor);
    const m = median(merged);
    report(`applyChanges of the same events and rows, one pass (floor): ${seconds(f)} (median of ${RUNS})`);
    report(`mergeBundles + applyChanges: ${seconds(m)} (median of ${RUNS})`);
    report(`ratio to the floor: ${(m / f).toFixed(2)}× (goal ≤ 1.5×)`);
  },
};
