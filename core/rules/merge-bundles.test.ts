import { describe, expect, it } from 'vitest';
import { AdminSession } from '../../test/support/core/admin-session.ts';
import { devId, REC_ID } from '../../test/support/core/builders.ts';
import { BASE_REF, DESKTOPS, EDGE, LABS, teamBase } from '../../test/support/core/team-base.ts';
import { InputError } from '../errors.ts';
import type { ActivityDevice, TrackedActivity } from '../model/activity.ts';
import { applyChanges } from '../model/apply-changes.ts';
import type { BundleChange, ChangeBundle } from '../model/change-bundle.ts';
import { activityId, eventId, recommendationId, taskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { State } from '../model/state.ts';
import { type Instant, instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { mergeBundles } from './merge-bundles.ts';
import { possibleDuplicates } from './possible-duplicates.ts';
import { applyRetention } from './retention.ts';

const at = (day: number, hour = 9): Instant =>
  instant(`2024-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`);

const merge = (state: State, ...bundles: ChangeBundle[]) => {
  const out = mergeBundles(
    state,
    bundles.map((bundle, i) => ({ file: `bundle-${i + 1}.jsonl`, bundle })),
    { archive: BASE_REF.archive, now: at(30) },
  );
  return { state: applyChanges(state, out.changes), ...out };
};

const alice = () => new AdminSession(teamBase(), 'alice@contoso.com', 'install-a', BASE_REF);
const bob = () => new AdminSession(teamBase(), 'bob@contoso.com', 'install-b', BASE_REF);

describe('merging change bundles', () => {
  it('R-MERGE-1: both admins’ requests are kept, in either order, and the same bundle twice is a no-op', () => {
    const a = alice();
    const b = bob();
    a.request(REC_ID, [DESKTOPS], at(3));
    b.request(EDGE, 'all', at(4));
    const [ba, bb] = [a.bundle(at(5)), b.bundle(at(5))];
    const ab = merge(teamBase(), ba, bb).state;
    const ba2 = merge(merge(teamBase(), bb).state, ba).state;
    expect(ba2).toEqual(ab);
    expect(ab.activities.map((x) => x.requesterEmail).sort()).toEqual([
      'alice@contoso.com',
      'alice@contoso.com',
      'bob@contoso.com',
    ]);
    const again = merge(ab, ba, bb);
    expect(again.changes.events).toEqual([]);
    expect(again.state).toEqual(ab);
    expect(again.merged.map((m) => m.alreadyMerged)).toEqual([ba.changes.length, bb.changes.length]);
  });

  it('R-MERGE-2: two requests for one recommendation with overlapping groups are both kept, marked possible duplicates', () => {
    const a = alice();
    const b = bob();
    const fromA = a.request(EDGE, [LABS], at(3));
    const fromB = b.request(EDGE, 'all', at(3, 10));
    const { state } = merge(teamBase(), a.bundle(at(5)), b.bundle(at(5)));
    const dups = possibleDuplicates(state);
    expect(dups.get(activityId(fromA as string))).toEqual([fromB]);
    expect(dups.get(activityId(fromB as string))).toEqual([fromA]);
  });

  it('R-MERGE-3: the first completion stands, by hand or automatic; the later one is kept in the history', () => {
    const a = alice();
    const b = bob();
    a.complete('base-1', at(5));
    b.complete('base-1', at(4));
    const both = merge(teamBase(), a.bundle(at(6)), b.bundle(at(6)));
    const done = both.state.activities.find((x) => x.id === 'base-1');
    expect(done?.status === 'Completed' && done.completion).toMatchObject({
      method: 'Manual',
      completerEmail: 'bob@contoso.com',
      completedOn: at(4),
    });
    expect(both.state.events.filter((e) => e.type === 'activity.completed')).toHaveLength(2);
    expect(both.changes.notes).toEqual([
      'bob@contoso.com: 1 completion earlier than the one recorded, which is kept in the history (R-MERGE-3)',
    ]);

    // The archive completed it automatically on the 4th (a newer exposure picture): a completion by
    // hand on the 5th is history only; one on the 3rd stands instead.
    const base = teamBase();
    const completion = { method: 'Automatic', completedOn: at(4) } as const;
    const auto = applyChanges(base, {
      put: {
        activities: [{ ...(base.activities[0] as TrackedActivity), status: 'Completed', completion }],
      },
      events: [
        auditEvent(
          { type: 'activity.completed', activityId: activityId('base-1'), completion },
          at(4),
          'system',
        ),
      ],
    });
    const late = alice();
    late.complete('base-1', at(5));
    expect(merge(auto, late.bundle(at(6))).state.activities[0]).toMatchObject({ completion });
    const early = alice();
    early.complete('base-1', at(3));
    expect(merge(auto, early.bundle(at(6))).state.activities[0]).toMatchObject({
      completion: { method: 'Manual', completedOn: at(3) },
    });
  });

  it('R-MERGE-4: a ticket set by two admins takes the latest status; both changes are in the history', () => {
    const a = alice();
    const b = bob();
    a.setTask('task-base', 'active', at(3), 'accepted by IT');
    b.setTask('task-base', 'rejected', at(4), 'wrong devices');
    for (const order of [
      [a.bundle(at(5)), b.bundle(at(5))],
      [b.bundle(at(5)), a.bundle(at(5))],
    ] as const) {
      const { state } = merge(merge(teamBase(), order[0]).state, order[1]);
      expect(state.tasks.find((t) => t.id === taskId('task-base'))).toMatchObject({
        status: 'rejected',
        statusChangedBy: 'bob@contoso.com',
        reviewerNotes: 'wrong devices',
      });
      expect(state.events.filter((e) => e.type === 'task.status').map((e) => e.actor)).toEqual([
        'alice@contoso.com',
        'bob@contoso.com',
      ]);
    }
  });

  it('R-MERGE-5: an exception canceled by one admin and changed (a group canceled) by another keeps both', () => {
    const a = alice();
    const b = bob();
    b.cancel('x-base', LABS, at(3));
    a.cancel('x-base', null, at(4));
    const one = merge(teamBase(), a.bundle(at(5)), b.bundle(at(5))).state;
    const other = merge(merge(teamBase(), b.bundle(at(5))).state, a.bundle(at(5))).state;
    expect(other).toEqual(one);
    expect(one.exceptions[0]).toMatchObject({
      canceled: { on: at(4), by: 'alice@contoso.com' },
      canceledGroups: [{ group: LABS, on: at(3), by: 'bob@contoso.com' }],
    });
  });

  it('R-MERGE-6: a change to an activity retention removed is kept in the history only, and said', () => {
    const base = teamBase();
    const completion = { method: 'Automatic', completedOn: instant('2023-01-01T00:00:00Z') } as const;
    const old = applyChanges(base, {
      put: {
        activities: [{ ...(base.activities[0] as TrackedActivity), status: 'Completed', completion }],
      },
      events: [],
    });
    const removed = applyChanges(old, applyRetention(old, at(2)));
    const b = new AdminSession(old, 'bob@contoso.com', 'install-b', BASE_REF);
    expect(b.setTask('task-base', 'completed', at(3))).toBe(true);
    const out = merge(removed, b.bundle(at(4)));
    expect(out.state.activities).toEqual([]);
    expect(out.state.events.map((e) => e.type)).toEqual(['activity.removed', 'task.status']);
    expect(out.changes.notes).toEqual([
      'bob@contoso.com: 1 change kept in the history only: retention removed its activity (R-MERGE-6, R-RET-1)',
    ]);
  });

  it('refuses a bundle from another archive, one whose event differs from the archive’s, and a change to something unknown', () => {
    const a = alice();
    a.request(REC_ID, [DESKTOPS], at(3));
    const bundle = a.bundle(at(4));
    expect(() => merge(teamBase(), { ...bundle, base: { archive: 'elsewhere', snapshot: 'x' } })).toThrow(
      /bundle-1.jsonl:1: base.archive: the bundle was made from another archive/,
    );
    const merged = merge(teamBase(), bundle).state;
    const [first, ...rest] = bundle.changes;
    const altered = { ...first, event: { ...first?.event, at: at(9) } } as (typeof bundle.changes)[number];
    expect(() => merge(merged, { ...bundle, changes: [altered, ...rest] })).toThrow(InputError);
    const lost = new AdminSession(merged, 'bob@contoso.com', 'install-b', BASE_REF);
    const task = merged.tasks.find((t) => t.activityId !== 'base-1');
    lost.setTask(task?.id as string, 'active', at(5));
    expect(() => merge(teamBase(), lost.bundle(at(6)))).toThrow(
      /bundle-1.jsonl:2: taskId: no task .* in the archive/,
    );
  });

  it('R-MERGE-1: a change about what another bundle of the same import brings waits for it, so the order of files is free', () => {
    const a = alice();
    const id = a.request(REC_ID, [DESKTOPS], at(3)) as string;
    const withA = merge(teamBase(), a.bundle(at(4))).state;
    const b = new AdminSession(withA, 'bob@contoso.com', 'install-b', BASE_REF);
    const ticket = withA.tasks.find((t) => t.activityId === id);
    expect(b.setTask(ticket?.id as string, 'active', at(5))).toBe(true);
    const one = merge(teamBase(), b.bundle(at(6)), a.bundle(at(4)));
    const other = merge(teamBase(), a.bundle(at(4)), b.bundle(at(6)));
    expect(one.state).toEqual(other.state);
    expect(one.state.tasks.find((t) => t.id === ticket?.id)?.status).toBe('active');
    expect(one.merged.map((m) => m.byActor)).toEqual([{ 'bob@contoso.com': 1 }, { 'alice@contoso.com': 2 }]);
  });

  it('refuses a change dated before what it changes, after its bundle was made, or a bundle from the future', () => {
    const base = teamBase();
    const a = alice();
    a.complete('base-1', instant('2000-01-01T00:00:00Z'));
    expect(() => merge(base, a.bundle(at(4)))).toThrow(
      /bundle-1.jsonl:2: event.at: 2000-01-01T00:00:00.000Z is before the activity was made/,
    );
    const late = alice();
    late.setTask('task-base', 'active', at(20));
    expect(() => merge(base, late.bundle(at(4)))).toThrow(
      /bundle-1.jsonl:2: event.at: .* is after the bundle was made/,
    );
    const future = { ...late.bundle(instant('2099-01-01T00:00:00Z')) };
    expect(() => merge(base, future)).toThrow(
      /bundle-1.jsonl:1: createdAt: 2099-01-01T00:00:00.000Z is in the future/,
    );
  });

  it('refuses, from a bundle that started from no team state, a request about a recommendation or devices the archive lacks; and tickets its activity does not name', () => {
    const a = alice();
    const id = a.request(REC_ID, [DESKTOPS], at(3)) as string;
    const bundle = a.bundle(at(4));
    const [request, ticket] = bundle.changes as [
      BundleChange & { activity: TrackedActivity; devices: ActivityDevice[] },
      BundleChange & { task: IntuneTask },
    ];
    const unknownRec = {
      ...request,
      activity: { ...request.activity, recommendationId: recommendationId('va-_-nobody-_-nothing') },
    };
    expect(() => merge(teamBase(), { ...bundle, base: null, changes: [unknownRec, ticket] })).toThrow(
      /:2: activity.recommendationId: no recommendation va-_-nobody-_-nothing in the archive/,
    );
    const unknownDevice = {
      ...request,
      devices: [{ ...(request.devices[0] as ActivityDevice), deviceId: devId(999) }],
    };
    expect(() => merge(teamBase(), { ...bundle, base: null, changes: [unknownDevice, ticket] })).toThrow(
      /:2: devices\[0\].deviceId: no device/,
    );
    // Started from this archive's state: a device newer than the archive's data (the admin's own
    // vendor import) is kept, not the reason to lose the request.
    const kept = merge(teamBase(), { ...bundle, changes: [unknownDevice, ticket] }).state;
    expect(kept.activityDevices.some((d) => d.deviceId === devId(999))).toBe(true);
    expect(() => merge(teamBase(), { ...bundle, changes: [request] })).toThrow(
      `activity ${id} names a ticket no bundle brings`,
    );
    const second = {
      ...ticket,
      task: { ...ticket.task, id: taskId('second'), activityId: activityId('base-1') },
      event: {
        ...ticket.event,
        id: eventId('second-ticket'),
        taskId: taskId('second'),
        activityId: activityId('base-1'),
      },
    } as BundleChange;
    expect(() => merge(teamBase(), { ...bundle, changes: [request, ticket, second] })).toThrow(
      /:4: task.activityId: activity base-1 does not name task/,
    );
  });
});
