import { describe, expect, it } from 'vitest';
import {
  attention,
  exc,
  group,
  groupsScope,
  NOW,
  stateWith,
  tracked,
  USER,
} from '../../test/support/core/builders.ts';
import { activityViews, exceptionViews } from './views.ts';

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
});
