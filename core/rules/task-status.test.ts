import { describe, expect, it } from 'vitest';
import { NOW, USER } from '../../test/support/core/builders.ts';
import { activityId, taskId } from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import { instant } from '../model/time.ts';
import { setTaskStatus } from './task-status.ts';

const task: IntuneTask = {
  id: taskId('t1'),
  activityId: activityId('a'),
  status: 'pending',
  createdOn: instant('2024-06-01T00:00:00Z'),
  sentDevices: 3,
  leftOutDevices: 0,
  reviewerNotes: '',
  statusChangedOn: instant('2024-06-01T00:00:00Z'),
  statusChangedBy: 'bob@contoso.com',
};

describe('setTaskStatus', () => {
  it('R-INT-3: accepting records who and when, with a task.status event', () => {
    const r = setTaskStatus(task, 'active', '', USER, NOW);
    if (!r.ok) throw new Error('refused');
    expect(r.value.put?.tasks?.[0]).toMatchObject({
      status: 'active',
      statusChangedBy: USER,
      statusChangedOn: NOW,
    });
    expect(r.value.events[0]).toMatchObject({
      type: 'task.status',
      from: 'pending',
      to: 'active',
      actor: USER,
      at: NOW,
    });
  });
  it('R-INT-3: a rejection needs notes, which are kept', () => {
    const bad = setTaskStatus(task, 'rejected', '  ', USER, NOW);
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['notes']);
    const r = setTaskStatus(task, 'rejected', 'not our devices', USER, NOW);
    if (!r.ok) throw new Error('refused');
    expect(r.value.put?.tasks?.[0]).toMatchObject({ status: 'rejected', reviewerNotes: 'not our devices' });
  });
  it('R-INT-3: finished tasks do not move and active tasks do not go back to pending', () => {
    const done = { ...task, status: 'completed' as const };
    expect(setTaskStatus(done, 'active', '', USER, NOW).ok).toBe(false);
    expect(setTaskStatus({ ...task, status: 'active' }, 'pending', '', USER, NOW).ok).toBe(false);
    expect(setTaskStatus(task, 'completed', '', USER, NOW).ok).toBe(true);
  });
});
