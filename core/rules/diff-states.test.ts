import { describe, expect, it } from 'vitest';
import {
  attention,
  devId,
  exc,
  exposure,
  group,
  groupsScope,
  NOW,
  stateWith,
  tracked,
  USER,
} from '../../test/support/core/builders.ts';
import { activityId, email, exceptionId, recommendationId, taskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import { calendarDate, type Instant, instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { diffStates } from './diff-states.ts';
import { completedBetween } from './summarize.ts';

const LATER = instant('2024-07-02T10:00:00Z');
const FIREFOX = recommendationId('va-_-mozilla-_-firefox');
const counts = (targetDevices: number, fixedDevices: number) =>
  ({ kind: 'counts', targetDevices, fixedDevices }) as const;
const task = (id: string, status: IntuneTask['status']): IntuneTask => ({
  id: taskId(id),
  activityId: activityId('a1'),
  status,
  createdOn: NOW,
  sentDevices: 3,
  leftOutDevices: 0,
  reviewerNotes: '',
  statusChangedOn: NOW,
  statusChangedBy: 'it@contoso.com',
});

const before = stateWith({
  activities: [
    tracked('a1', { progress: counts(3, 0) }),
    tracked('a2', { progress: counts(2, 1) }),
    attention('a3'),
    tracked('gone'),
    tracked('lost'),
  ],
  tasks: [task('t1', 'pending')],
  exceptions: [
    exc('expiring', { expiresOn: calendarDate('2024-07-01') }),
    exc('whole', { expiresOn: calendarDate('2024-12-01') }),
    exc('one-group', { scope: groupsScope('A', 'B'), expiresOn: calendarDate('2024-12-01') }),
    exc('already-expired', { expiresOn: calendarDate('2024-06-01') }),
  ],
  exposures: [exposure(1), exposure(2), exposure(3), exposure(1, FIREFOX)],
});

const after = stateWith({
  activities: [
    tracked('a1', { progress: counts(3, 2) }),
    tracked('a2', {
      progress: counts(2, 2),
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: LATER },
    }),
    attention('a3', {
      status: 'Completed',
      completion: { method: 'Manual', completedOn: LATER, completerEmail: USER, completerId: null },
    }),
    tracked('new'),
  ],
  tasks: [task('t1', 'active'), task('t2', 'pending')],
  exceptions: [
    exc('expiring', { expiresOn: calendarDate('2024-07-01') }),
    exc('whole', { expiresOn: calendarDate('2024-12-01'), canceled: { on: LATER, by: USER } }),
    exc('one-group', {
      scope: groupsScope('A', 'B'),
      expiresOn: calendarDate('2024-12-01'),
      canceledGroups: [{ on: LATER, by: USER, group: group('B') }],
    }),
    exc('already-expired', { expiresOn: calendarDate('2024-06-01') }),
    exc('added'),
  ],
  exposures: [exposure(3), exposure(4), exposure(1, FIREFOX)],
  events: [
    auditEvent(
      { type: 'activity.removed', activityId: activityId('gone'), reason: 'retention' },
      LATER,
      'system',
    ),
    auditEvent({ type: 'activity.created', activityId: activityId('new'), targetDevices: 0 }, LATER, USER),
    auditEvent(
      { type: 'exception.canceled', exceptionId: exceptionId('whole'), group: null },
      LATER,
      email('bob@contoso.com'),
    ),
    auditEvent(
      { type: 'exception.canceled', exceptionId: exceptionId('one-group'), group: group('B') },
      LATER,
      email('bob@contoso.com'),
    ),
  ],
});

describe('diffStates', () => {
  const diff = diffStates(before, after, NOW, LATER);

  it('R-HIST-1: lists activities created, completed (with the method) and removed', () => {
    expect(diff.activities.created).toEqual(['new']);
    expect(diff.activities.completed).toEqual([
      { activityId: 'a2', method: 'Automatic' },
      { activityId: 'a3', method: 'Manual' },
    ]);
    expect(diff.activities.removed).toEqual([
      { activityId: 'gone', cause: 'retention' },
      { activityId: 'lost', cause: 'unrecorded' },
    ]);
  });

  it('R-MERGE-1: says whose changes are new, counted by kind; the system’s are not an admin’s', () => {
    expect(diff.changesBy).toEqual([
      { actor: 'alice@contoso.com', counts: { 'activity.created': 1 } },
      { actor: 'bob@contoso.com', counts: { 'exception.canceled': 2 } },
    ]);
  });

  it('R-HIST-1: lists completions of the period (nowBefore, nowAfter], as completedBetween does', () => {
    // Snapshots at NOW and LATER. By hand: `at-before` was completed at NOW, which the earlier
    // snapshot already shows; `at-after` (at LATER) and `arrived` (new, completed in the period) are
    // this period's; `learned-late` and `arrived-old` were completed before NOW but first seen
    // completed now: listed apart, not as completed in the period.
    const done = (id: string, on: Instant) =>
      tracked(id, { status: 'Completed', completion: { method: 'Automatic', completedOn: on } });
    const OLD = instant('2024-05-01T00:00:00Z');
    const MIDWAY = instant('2024-06-20T00:00:00Z');
    const b = stateWith({
      activities: [done('at-before', NOW), tracked('at-after'), tracked('learned-late')],
    });
    const a = stateWith({
      activities: [
        done('at-before', NOW),
        done('at-after', LATER),
        done('learned-late', OLD),
        done('arrived', MIDWAY),
        done('arrived-old', OLD),
      ],
    });
    const d = diffStates(b, a, NOW, LATER);
    const ids = (list: readonly { activityId: string }[]) => list.map((c) => c.activityId);
    expect(ids(d.activities.completed)).toEqual(['arrived', 'at-after']);
    expect(ids(d.activities.completedEarlier)).toEqual(['arrived-old', 'learned-late']);
    expect(ids(d.activities.completed).sort()).toEqual(
      completedBetween(a, NOW, LATER)
        .map((x) => x.id)
        .sort(),
    );
  });

  it('R-PROG-1: lists progress changes with fixed devices before and after', () => {
    expect(diff.activities.progress).toEqual([
      { activityId: 'a1', targetDevices: 3, fixedBefore: 0, fixedAfter: 2 },
      { activityId: 'a2', targetDevices: 2, fixedBefore: 1, fixedAfter: 2 },
    ]);
  });

  it('R-INT-3: lists task status changes, new tasks from null', () => {
    expect(diff.tasks).toEqual([
      { taskId: 't1', activityId: 'a1', from: 'pending', to: 'active' },
      { taskId: 't2', activityId: 'a1', from: null, to: 'pending' },
    ]);
  });

  it('R-EXC-4: lists exceptions added, expired between the two moments, and canceled whole or per group', () => {
    expect(diff.exceptions.added).toEqual(['added']);
    expect(diff.exceptions.expired).toEqual(['expiring']);
    expect(diff.exceptions.canceled).toEqual([
      { exceptionId: 'one-group', group: 'B' },
      { exceptionId: 'whole', group: null },
    ]);
  });

  it('R-PROG-1: lists devices newly exposed and fixed per recommendation, with counts', () => {
    expect(diff.exposures).toEqual([
      {
        recommendationId: 'va-_-google-_-chrome',
        newlyExposed: { count: 1, deviceIds: [devId(4)] },
        fixed: { count: 2, deviceIds: [devId(1), devId(2)] },
      },
    ]);
  });

  it('is empty between a state and itself, and plain JSON', () => {
    const same = diffStates(after, after, LATER, LATER);
    expect(same).toEqual({
      activities: { created: [], completed: [], completedEarlier: [], removed: [], progress: [] },
      tasks: [],
      exceptions: { added: [], expired: [], canceled: [] },
      exposures: [],
      changesBy: [],
    });
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});
