import { describe, expect, it } from 'vitest';
import { attention, NOW, tracked } from '../../test/support/core/builders.ts';
import { calendarDate } from '../model/time.ts';
import { daysOverdue, dueDateOf, isOverdue } from './overdue.ts';

describe('R-DUE-1: overdue', () => {
  const today = calendarDate('2024-06-15');
  it('R-DUE-1: due today is not overdue, due yesterday is one day overdue', () => {
    expect(isOverdue(tracked('a', { dueOn: today }), NOW)).toBe(false);
    const late = tracked('a', { dueOn: calendarDate('2024-06-14') });
    expect(isOverdue(late, NOW)).toBe(true);
    expect(daysOverdue(late, NOW)).toBe(1);
  });
  it('R-DUE-1: completed or undated activities are never overdue', () => {
    const completion = { method: 'Automatic', completedOn: NOW } as const;
    expect(
      isOverdue(tracked('a', { dueOn: calendarDate('2024-01-01'), status: 'Completed', completion }), NOW),
    ).toBe(false);
    expect(isOverdue(tracked('a', { dueOn: null }), NOW)).toBe(false);
  });
  it('R-ATTN-1: attention required has no due date and is never overdue', () => {
    expect(dueDateOf(attention('a'))).toBeNull();
    expect(isOverdue(attention('a'), NOW)).toBe(false);
  });
});
