import { describe, expect, it } from 'vitest';
import { NOW, row, stateWith, tracked } from '../../test/support/core/builders.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { activityId, taskId } from '../model/ids.ts';
import { addDaysToInstant, instant } from '../model/time.ts';
import { applyRetention } from './retention.ts';

const completedOn = (days: number, extraMs = 0) =>
  instant(new Date(Date.parse(addDaysToInstant(NOW, -days)) - extraMs).toISOString());
const done = (id: string, on: ReturnType<typeof instant>) =>
  tracked(id, { status: 'Completed', completion: { method: 'Automatic', completedOn: on } });

describe('applyRetention', () => {
  it('R-RET-1: removes Completed activities more than 180 days after completion, keeps the boundary', () => {
    const s = stateWith({
      activities: [
        done('old', completedOn(180, 1)),
        done('edge', completedOn(180)),
        done('new', completedOn(10)),
        tracked('active', { createdOn: completedOn(400) }),
      ],
      activityDevices: [row('old', 1), row('edge', 1)],
      tasks: [
        {
          id: taskId('t'),
          activityId: activityId('old'),
          status: 'completed',
          createdOn: NOW,
          sentDevices: 1,
          leftOutDevices: 0,
          reviewerNotes: '',
          statusChangedOn: NOW,
          statusChangedBy: 'x',
        },
      ],
    });
    const cs = applyRetention(s, NOW);
    expect(cs.delete?.activities).toEqual(['old']);
    expect(cs.events).toMatchObject([
      { type: 'activity.removed', activityId: 'old', reason: 'retention', actor: 'system' },
    ]);
    const after = applyChanges(s, cs);
    expect(after.activities.map((a) => a.id).sort()).toEqual(['active', 'edge', 'new']);
    expect(after.activityDevices.map((r) => r.activityId)).toEqual(['edge']);
    expect(after.tasks).toEqual([]);
  });
  it('R-RET-1: nothing to remove records nothing', () => {
    expect(applyRetention(stateWith({ activities: [done('new', completedOn(1))] }), NOW)).toEqual({
      events: [],
    });
  });
});
