import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../core/index.ts';
import {
  attention,
  exc,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  rec,
  row,
  stateWith,
  task,
  tracked,
  USER,
} from '../../test/support/core/builders.ts';
import { activityViews, dashboardView, exceptionViews, requestOutcome } from './views.ts';

describe('views', () => {
  it('R-MERGE-2: an activity view names its possible duplicates by id and title', () => {
    const a = tracked('a', { title: 'Chrome for Servers', rbacGroupNames: [group('Servers')] });
    const b = tracked('b', { title: 'Chrome everywhere' });
    const state = stateWith({ activities: [a, b] });
    const [va, vb] = activityViews(state, [a, b], NOW);
    expect(va?.possibleDuplicates).toEqual([{ id: 'b', title: 'Chrome everywhere' }]);
    expect(vb?.possibleDuplicates).toEqual([{ id: 'a', title: 'Chrome for Servers' }]);
  });

  it('R-PROG-1: devices still exposed leave out the fixed, the departed and the vanished; none for attention required', () => {
    const a = tracked('a', {
      progress: {
        kind: 'devices',
        targetDevices: 10,
        fixedDevices: 3,
        leftScopeDevices: 1,
        vanishedDevices: 2,
      },
    });
    const c = tracked('c', { progress: { kind: 'counts', targetDevices: 5, fixedDevices: 1 } });
    const views = activityViews(
      stateWith({ activities: [a, c, attention('r')] }),
      [a, c, attention('r')],
      NOW,
    );
    expect(views.map((v) => v.stillExposed)).toEqual([4, 4, null]);
  });

  it('R-EXC-4: an exception view carries each group status, a group canceled alone included', () => {
    const x = exc('x', {
      scope: groupsScope('Servers', 'Labs'),
      canceledGroups: [{ on: NOW, by: USER, group: group('Labs') }],
    });
    expect(exceptionViews(stateWith({ exceptions: [x] }), [x], NOW)[0]?.groups).toEqual([
      { group: 'Servers', status: 'InEffect' },
      { group: 'Labs', status: 'Canceled' },
    ]);
  });

  it('R-TOP-1: the dashboard lists the activities, most urgent first, and the exceptions in effect apart', () => {
    const overdue = tracked('overdue', { dueOn: calendarDate('2024-06-10'), priority: 'Low' });
    const high = tracked('high', { priority: 'High' });
    const done = tracked('done', {
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: NOW },
    });
    const global = exc('global', { scope: GLOBAL });
    const view = dashboardView(stateWith({ activities: [high, done, overdue], exceptions: [global] }), NOW);
    expect(view.top.map((v) => v.activity.id)).toEqual(['overdue', 'high']);
    expect(view.exceptions.map((v) => v.exception.id)).toEqual(['global']);
  });

  it('R-REQ-4, R-INT-2: a request tells its target devices, the task sent and left out, and the note', () => {
    const a = tracked('a');
    const outcome = requestOutcome(stateWith({ recommendations: [rec()] }), {
      changes: { put: { activityDevices: [row('a', 1), row('a', 2), row('other', 3)] }, events: [] },
      activity: a,
      task: task('t', 'a', { sentDevices: 2 }),
      leftOutOfTask: 1,
    });
    expect(outcome).toMatchObject({ activityId: 'a', targetDevices: 2, task: { sent: 2, leftOut: 1 } });
    expect(outcome.notice.subject).toContain('Update Google Chrome');
  });
});
