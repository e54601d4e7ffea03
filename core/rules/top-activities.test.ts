import { describe, expect, it } from 'vitest';
import { attention, NOW, REC_ID, rec, stateWith, tracked, USER } from '../../test/support/core/builders.ts';
import type { RemediationException } from '../model/exception.ts';
import { exceptionId, recommendationId } from '../model/ids.ts';
import { calendarDate, instant } from '../model/time.ts';
import { topActivities } from './top-activities.ts';

const OTHER = recommendationId('va-_-mozilla-_-firefox');
const ids = (s: ReturnType<typeof topActivities>) =>
  s.map((e) => (e.kind === 'activity' ? e.activity.id : e.exception.id));

describe('topActivities', () => {
  const state = stateWith({
    recommendations: [rec({ exposureImpact: 1 }), rec({ id: OTHER, exposureImpact: 5 })],
    activities: [
      tracked('low', { priority: 'Low', dueOn: calendarDate('2024-07-01') }),
      tracked('high-late', { priority: 'High', dueOn: calendarDate('2024-07-01') }),
      tracked('high-soon', { priority: 'High', dueOn: calendarDate('2024-06-20') }),
      tracked('high-undated', { priority: 'High', dueOn: null }),
      tracked('high-impact', {
        priority: 'High',
        dueOn: calendarDate('2024-07-30'),
        recommendationId: OTHER,
      }),
      tracked('overdue-low', { priority: 'Low', dueOn: calendarDate('2024-06-14') }),
      tracked('due-today', { priority: 'Low', dueOn: calendarDate('2024-06-15') }),
      attention('attn', { priority: 'Medium' }),
      tracked('done', { status: 'Completed', completion: { method: 'Automatic', completedOn: NOW } }),
    ],
  });
  it('R-TOP-1: overdue first, then priority, then exposure impact, then earliest due date, then id', () => {
    expect(ids(topActivities(state, NOW))).toEqual([
      'overdue-low',
      'high-impact',
      'high-soon',
      'high-late',
      'high-undated',
      'attn',
      'due-today',
      'low',
    ]);
  });
  it('R-TOP-1: ties fall back to the id; limit cuts the list', () => {
    const s = stateWith({ activities: [tracked('b'), tracked('a')] });
    expect(ids(topActivities(s, NOW))).toEqual(['a', 'b']);
    expect(ids(topActivities(state, NOW, { limit: 2 }))).toEqual(['overdue-low', 'high-impact']);
  });
  it('R-TOP-1: "show more" appends the exceptions in effect', () => {
    const exc = (id: string, expiresOn: string, canceled = false): RemediationException => ({
      id: exceptionId(id),
      recommendationId: REC_ID,
      justification: 'RiskAccepted',
      context: '',
      createdOn: instant('2024-06-01T00:00:00Z'),
      createdBy: USER,
      expiresOn: calendarDate(expiresOn),
      scope: { kind: 'global' },
      canceled: canceled ? { on: NOW, by: USER } : null,
      canceledGroups: [],
    });
    const s = stateWith({
      activities: [tracked('a')],
      exceptions: [
        exc('e-expired', '2024-06-14'),
        exc('e-canceled', '2024-09-01', true),
        exc('e-live', '2024-06-15'),
      ],
    });
    expect(ids(topActivities(s, NOW))).toEqual(['a']);
    expect(ids(topActivities(s, NOW, { includeExceptions: true }))).toEqual(['a', 'e-live']);
  });
});
