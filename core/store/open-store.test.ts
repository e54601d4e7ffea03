import { afterEach, describe, expect, it } from 'vitest';
import {
  activityDevice,
  attention,
  CHROME,
  created,
  devId,
  device,
  exception,
  exposure,
  fakeIdb,
  freshStore,
  SCID,
  sampleState,
  T0,
  task,
  tracked,
  USER,
} from '../../test/support/core/store-fixtures.ts';
import type { Activity } from '../model/activity.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { activityId, deviceGroupName, eventId, exceptionId, taskId } from '../model/ids.ts';
import { type ChangeSet, emptyState } from '../model/state.ts';
import { calendarDate, instant } from '../model/time.ts';
import { openStore, type RemdeskStore } from './open-store.ts';
import { StoreValidationError } from './validate-changes.ts';

let store: RemdeskStore;
afterEach(async () => {
  await store?.delete();
});

async function seeded(): Promise<RemdeskStore> {
  store = await freshStore();
  await store.replaceState(sampleState());
  return store;
}

/** A malformed message: an attention-required activity carrying tracked fields its type forbids. */
const smuggled = (over: Record<string, unknown>): Activity =>
  ({ ...attention('bad'), ...over }) as unknown as Activity;

const CHANGES: readonly ChangeSet[] = [
  {
    put: {
      devices: [device(4, 'Laptops'), device(1, 'Moved')],
      exposures: [exposure(4)],
      activities: [tracked('a4', { dueOn: calendarDate('2024-06-10') }, [])],
      activityDevices: [activityDevice('a4', 4)],
      exceptions: [exception('x3', ['Servers', 'Laptops'])],
    },
    delete: {
      exposures: [{ deviceId: devId(2), recommendationId: CHROME }],
      exceptions: [exceptionId('x1')],
    },
    events: [created('e4', 'a4', instant('2024-06-02T00:00:00Z'))],
  },
  {
    replaceAllExposures: true,
    put: { exposures: [exposure(3, SCID), exposure(1)], tasks: [task('t4', 'a4')] },
    delete: { activities: [activityId('a1')], events: [eventId('e1')] },
    events: [
      {
        id: eventId('e5'),
        at: instant('2024-06-03T00:00:00Z'),
        actor: 'system',
        type: 'activity.removed',
        activityId: activityId('a1'),
        reason: 'retention',
      },
    ],
  },
];

describe('store commit', () => {
  it('commit then load equals applyChanges on the same ChangeSets', async () => {
    await seeded();
    let expected = sampleState();
    expect(await store.loadState()).toEqual(expected);
    for (const cs of CHANGES) {
      await store.commit(cs);
      expected = applyChanges(expected, cs);
      expect(await store.loadState()).toEqual(expected);
    }
    // The cascade really happened in both.
    expect(expected.tasks.map((t) => t.id)).toEqual(['t4']);
    expect(expected.activityDevices.some((d) => d.activityId === 'a1')).toBe(false);
  });

  it('an empty ChangeSet changes nothing', async () => {
    await seeded();
    await store.commit({ events: [] });
    expect(await store.loadState()).toEqual(sampleState());
  });

  it('a commit refused in the middle of a ChangeSet leaves the store exactly as it was', async () => {
    await seeded();
    const before = await store.loadState();
    const bad: ChangeSet = {
      replaceAllExposures: true,
      put: {
        devices: [device(7)],
        activities: [tracked('ok1'), smuggled({ dueOn: '2024-07-01' }), tracked('ok2')],
        tasks: [task('t9', 'a2')],
      },
      delete: { activities: [activityId('a1')] },
      events: [created('e7', 'ok1')],
    };
    await expect(store.commit(bad)).rejects.toThrow(StoreValidationError);
    expect(await store.loadState()).toEqual(before);
  });

  it('commitAll: ChangeSets in order in one transaction; the second refused, the first is not written either', async () => {
    await seeded();
    const before = await store.loadState();
    const first: ChangeSet = { put: { devices: [device(7)] }, events: [] };
    // A task for the stored attention-required activity a3: refused only against what is stored.
    const second: ChangeSet = { put: { tasks: [task('t9', 'a3')] }, events: [] };
    await expect(store.commitAll([first, second])).rejects.toThrow(StoreValidationError);
    expect(await store.loadState()).toEqual(before);
    await store.commitAll([first, { put: { devices: [device(8)] }, events: [] }]);
    expect((await store.loadState()).devices).toEqual(
      applyChanges(applyChanges(before, first), { put: { devices: [device(8)] }, events: [] }).devices,
    );
  });

  it('a write that fails inside the transaction (after rows were written) rolls everything back', async () => {
    await seeded();
    const before = await store.loadState();
    // An exposure without a key passes nothing to IndexedDB: the put fails after devices were written.
    const bad = {
      put: { devices: [device(7)], exposures: [{ ...exposure(7), deviceId: undefined }] },
      events: [],
    } as unknown as ChangeSet;
    await expect(store.commit(bad)).rejects.toThrow();
    expect(await store.loadState()).toEqual(before);
  });

  it('R-ATTN-1: the store rejects an attention-required activity with a due date, progress or task', async () => {
    await seeded();
    for (const [field, value] of [
      ['dueOn', '2024-07-01'],
      ['progress', { kind: 'counts', targetDevices: 1, fixedDevices: 0 }],
      ['taskId', 't1'],
    ] as const) {
      const attempt = store.commit({ put: { activities: [smuggled({ [field]: value })] }, events: [] });
      await expect(attempt).rejects.toThrow(new RegExp(`activities bad: ${field}: an attention-required`));
    }
    expect((await store.loadState()).activities.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('R-ATTN-1: a task for an attention-required activity is rejected, stored or in the same change', async () => {
    await seeded();
    // a3 is stored as attention required.
    await expect(store.commit({ put: { tasks: [task('t9', 'a3')] }, events: [] })).rejects.toThrow(
      /tasks t9: activityId: activity a3 is attention required/,
    );
    // Both in one change.
    await expect(
      store.commit({ put: { activities: [attention('n1')], tasks: [task('t9', 'n1')] }, events: [] }),
    ).rejects.toThrow(StoreValidationError);
    // Turning a1 (which has task t1) into attention required would leave it a ticket.
    await expect(store.commit({ put: { activities: [attention('a1')] }, events: [] })).rejects.toThrow(
      /tasks t1/,
    );
    // ...unless the same change removes the task.
    await store.commit({
      put: { activities: [attention('a1')] },
      delete: { tasks: [taskId('t1')] },
      events: [],
    });
    expect((await store.loadState()).tasks).toEqual([]);
  });

  it('R-DONE-2: an attention-required activity completed automatically is rejected', async () => {
    store = await freshStore();
    const auto = smuggled({ status: 'Completed', completion: { method: 'Automatic', completedOn: T0 } });
    await expect(store.commit({ put: { activities: [auto] }, events: [] })).rejects.toThrow(/completion/);
  });

  it('R-EXC-2: a device-group exception with no groups is rejected', async () => {
    store = await freshStore();
    const empty = exception('x9', []);
    await expect(store.commit({ put: { exceptions: [empty] }, events: [] })).rejects.toThrow(
      /exceptions x9: scope.groups/,
    );
    expect((await store.counts()).exceptions).toBe(0);
  });

  it('R-HIST-1: a change and its events commit together or not at all', async () => {
    await seeded();
    const done: ChangeSet = {
      put: {
        activities: [
          { ...tracked('a2'), status: 'Completed', completion: { method: 'Automatic', completedOn: T0 } },
        ],
      },
      events: [
        {
          id: eventId('done-a2'),
          at: T0,
          actor: 'system',
          type: 'activity.completed',
          activityId: activityId('a2'),
          completion: { method: 'Automatic', completedOn: T0 },
        },
      ],
    };
    // Refused because an event id is taken (the log is append-only): neither the change nor the event lands.
    await expect(store.commit({ ...done, events: [...done.events, created('e1', 'a2')] })).rejects.toThrow(
      /events e1: id: is already recorded/,
    );
    let state = await store.loadState();
    expect(state.activities.find((a) => a.id === 'a2')?.status).toBe('Active');
    expect(state.events.some((e) => e.id === 'done-a2')).toBe(false);

    await store.commit(done);
    state = await store.loadState();
    expect(state.activities.find((a) => a.id === 'a2')?.status).toBe('Completed');
    expect(state.events.some((e) => e.id === 'done-a2')).toBe(true);
  });

  it('replaceState is atomic: a refused snapshot keeps the old data', async () => {
    await seeded();
    const before = await store.loadState();
    const broken = { ...emptyState(), devices: [device(9)], exceptions: [exception('x9', [])] };
    await expect(store.replaceState(broken)).rejects.toThrow(StoreValidationError);
    expect(await store.loadState()).toEqual(before);

    await store.replaceState({ ...emptyState(), devices: [device(9)] }, [created('imp', 'a1')]);
    const after = await store.loadState();
    expect(after.devices.map((d) => d.id)).toEqual([devId(9)]);
    expect(after.activities).toEqual([]);
    expect(after.events.map((e) => e.id)).toEqual(['imp']);
  });

  it('replaceState sets its meta entries in the same transaction: with the data, or not at all', async () => {
    await seeded();
    await store.setMeta('team', 'old');
    const broken = { ...emptyState(), exceptions: [exception('x9', [])] };
    await expect(store.replaceState(broken, [], { team: 'new' })).rejects.toThrow(StoreValidationError);
    expect(await store.getMeta('team')).toBe('old');
    await store.replaceState({ ...emptyState(), devices: [device(9)] }, [], { team: 'new' });
    expect(await store.getMeta('team')).toBe('new');
  });
});

describe('store queries', () => {
  it('activitiesByStatus', async () => {
    await seeded();
    await store.commit({
      put: {
        activities: [
          { ...tracked('a2'), status: 'Completed', completion: { method: 'Unknown', completedOn: T0 } },
        ],
      },
      events: [],
    });
    expect((await store.activitiesByStatus('Active')).map((a) => a.id)).toEqual(['a1', 'a3']);
    expect((await store.activitiesByStatus('Completed')).map((a) => a.id)).toEqual(['a2']);
  });

  it('activitiesDueBefore: active, due strictly before the day, earliest first; never attention required', async () => {
    await seeded();
    await store.commit({
      put: {
        activities: [
          tracked('b1', { dueOn: calendarDate('2024-05-01') }),
          tracked('b2', { dueOn: null }),
          {
            ...tracked('b3', { dueOn: calendarDate('2024-04-01') }),
            status: 'Completed',
            completion: { method: 'Unknown', completedOn: T0 },
          },
        ],
      },
      events: [],
    });
    // a1 is due 2024-07-01, a2 2024-05-20.
    expect((await store.activitiesDueBefore(calendarDate('2024-07-01'))).map((a) => a.id)).toEqual([
      'b1',
      'a2',
    ]);
    expect((await store.activitiesDueBefore(calendarDate('2024-07-02'))).map((a) => a.id)).toEqual([
      'b1',
      'a2',
      'a1',
    ]);
    expect(await store.activitiesDueBefore(calendarDate('2024-05-01'))).toEqual([]);
  });

  it('activitiesForRecommendation', async () => {
    await seeded();
    await store.commit({ put: { activities: [{ ...tracked('c1'), recommendationId: SCID }] }, events: [] });
    expect((await store.activitiesForRecommendation(SCID)).map((a) => a.id)).toEqual(['c1']);
    expect((await store.activitiesForRecommendation(CHROME)).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('activitiesForGroup: those naming the group and those covering all groups, once each', async () => {
    await seeded();
    // a1: Servers; a2: Laptops+Servers; a3: all groups (none named).
    expect((await store.activitiesForGroup(deviceGroupName('Laptops'))).map((a) => a.id)).toEqual([
      'a2',
      'a3',
    ]);
    expect((await store.activitiesForGroup(deviceGroupName('Servers'))).map((a) => a.id)).toEqual([
      'a1',
      'a2',
      'a3',
    ]);
    // The stored derived field never leaks into the domain object.
    expect((await store.activitiesForGroup(deviceGroupName('Servers')))[0]).not.toHaveProperty('groupScope');
  });

  it('activityDevices, by device id', async () => {
    await seeded();
    expect((await store.activityDevices(activityId('a1'))).map((d) => d.deviceId)).toEqual([
      devId(1),
      devId(2),
    ]);
    expect(await store.activityDevices(activityId('nope'))).toEqual([]);
  });

  it('exceptionsForRecommendation', async () => {
    await seeded();
    await store.commit({
      put: { exceptions: [{ ...exception('x5', null), recommendationId: SCID }] },
      events: [],
    });
    expect((await store.exceptionsForRecommendation(CHROME)).map((x) => x.id)).toEqual(['x1', 'x2']);
    expect((await store.exceptionsForRecommendation(SCID)).map((x) => x.id)).toEqual(['x5']);
  });

  it('eventsFor: an activity history includes its task events, oldest first', async () => {
    await seeded();
    await store.commit({
      events: [
        {
          id: eventId('s1'),
          at: instant('2024-06-05T00:00:00Z'),
          actor: USER,
          type: 'task.status',
          taskId: taskId('t1'),
          activityId: activityId('a1'),
          from: 'pending',
          to: 'active',
          notes: '',
        },
        created('s0', 'a1', instant('2024-05-01T00:00:00Z')),
      ],
    });
    expect((await store.eventsFor('activity:a1')).map((e) => e.id)).toEqual(['s0', 'e1', 's1']);
    expect((await store.eventsFor('task:t1')).map((e) => e.id)).toEqual(['s1']);
    expect((await store.eventsFor('activity:a1'))[0]).not.toHaveProperty('subjects');
  });

  it('counts and meta', async () => {
    await seeded();
    expect(await store.counts()).toEqual({
      recommendations: 2,
      devices: 3,
      exposures: 4,
      activities: 3,
      activityDevices: 3,
      tasks: 1,
      exceptions: 2,
      events: 3,
    });
    expect(await store.getMeta('lastImport')).toBeUndefined();
    await store.setMeta('lastImport', { at: T0, rows: 4 });
    expect(await store.getMeta('lastImport')).toEqual({ at: T0, rows: 4 });
    // Settings survive a snapshot import.
    await store.replaceState(emptyState());
    expect(await store.getMeta('lastImport')).toEqual({ at: T0, rows: 4 });
  });

  it('data outlives close; delete removes the database', async () => {
    const deps = fakeIdb();
    const first = await openStore({ name: 'reopen', ...deps });
    await first.replaceState(sampleState());
    first.close();
    store = await openStore({ name: 'reopen', ...deps });
    expect(await store.loadState()).toEqual(sampleState());
    await store.delete();
    store = await openStore({ name: 'reopen', ...deps });
    expect(await store.loadState()).toEqual(emptyState());
  });
});
