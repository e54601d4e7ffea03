import { describe, expect, it } from 'vitest';
import {
  activityId,
  deviceGroupName,
  email,
  exceptionId,
  recommendationId,
  type StateDiff,
} from '../../core/index.ts';
import { describeDiff } from './diff.ts';

const names = {
  activity: (id: string) => (id === 'a1' ? 'Update =cmd|"/c calc"' : '?'),
  exception: (id: string) => (id === 'e1' ? 'va-_-google-_-chrome, RiskAccepted' : '?'),
};

describe('describeDiff', () => {
  it('names activities by quoted title and exceptions by recommendation and justification', () => {
    const d: StateDiff = {
      activities: {
        created: [activityId('a1')],
        completed: [{ activityId: activityId('a1'), method: 'Automatic' }],
        completedEarlier: [],
        removed: [
          { activityId: activityId('a2'), cause: 'retention' },
          { activityId: activityId('a3'), cause: 'unrecorded' },
        ],
        progress: [],
      },
      tasks: [],
      exceptions: {
        added: [exceptionId('e1')],
        expired: [],
        canceled: [{ exceptionId: exceptionId('e1'), group: deviceGroupName('Finance') }],
      },
      exposures: [
        {
          recommendationId: recommendationId('va-_-google-_-chrome'),
          newlyExposed: { count: 0, deviceIds: [] },
          fixed: { count: 3, deviceIds: [] },
        },
      ],
      changesBy: [{ actor: email('bob@contoso.com'), counts: { 'activity.created': 2, 'task.status': 1 } }],
    };
    const text = describeDiff(d, names).join('\n');
    expect(text).toContain('Activities created: 1\n  a1 "Update =cmd|\\"/c calc\\""');
    expect(text).toContain('a1 "Update =cmd|\\"/c calc\\"" automatically (System confirmation)');
    expect(text).toContain('Exceptions added: 1\n  e1 (va-_-google-_-chrome, RiskAccepted)');
    expect(text).toContain('e1 (va-_-google-_-chrome, RiskAccepted) for group "Finance"');
    expect(text).toContain(
      'Recommendations with exposure changes: 1\n  va-_-google-_-chrome: 0 newly exposed, 3 fixed',
    );
    expect(text).toContain('Progress: none');
    expect(text).toContain('a2 "?" by retention (180 days after completion, R-RET-1)');
    expect(text).toContain('a3 "?" (no removal recorded in the history)');
    expect(text).toContain('Changes by bob@contoso.com: 2 remediation requested, 1 ticket status set');
  });

  it('says "1 device", not "1 devices"', () => {
    const progress = (targetDevices: number) => ({
      activityId: activityId('a1'),
      targetDevices,
      fixedBefore: 0,
      fixedAfter: 1,
    });
    const d: StateDiff = {
      activities: {
        created: [],
        completed: [],
        completedEarlier: [],
        removed: [],
        progress: [progress(1), progress(2)],
      },
      tasks: [],
      exceptions: { added: [], expired: [], canceled: [] },
      exposures: [],
      changesBy: [],
    };
    const lines = describeDiff(d, names);
    expect(lines).toContain('  a1 "Update =cmd|\\"/c calc\\"": 0 → 1 of 1 device fixed');
    expect(lines).toContain('  a1 "Update =cmd|\\"/c calc\\"": 0 → 1 of 2 devices fixed');
  });
});
