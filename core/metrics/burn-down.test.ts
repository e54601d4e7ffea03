import { describe, expect, it } from 'vitest';
import { attention, tracked } from '../../test/support/core/builders.ts';
import { activityId } from '../model/ids.ts';
import { calendarDate, type Instant, instant } from '../model/time.ts';
import { BurnDowns } from './burn-down.ts';

const week = (n: number): Instant => instant(`2026-03-${String(1 + 7 * n).padStart(2, '0')}T08:00:00Z`);

describe('M-BURN-1: burn-down per activity', () => {
  it('reads targeted and still exposed from every snapshot that holds the activity', () => {
    const b = new BurnDowns();
    const counts = (fixed: number) =>
      tracked('a1', { progress: { kind: 'counts', targetDevices: 10, fixedDevices: fixed } });
    b.add(week(0), [counts(0)]);
    b.add(week(1), [counts(4)]);
    // Devices kind: 2 fixed, 1 left its groups, 1 vanished → 6 still exposed of 10.
    b.add(week(2), [
      tracked('a1', {
        progress: {
          kind: 'devices',
          targetDevices: 10,
          fixedDevices: 2,
          leftScopeDevices: 1,
          vanishedDevices: 1,
        },
        dueOn: null,
      }),
    ]);
    const id = activityId('a1');
    expect(b.of(id)?.points).toEqual([
      { at: week(0), targeted: 10, stillExposed: 10 },
      { at: week(1), targeted: 10, stillExposed: 6 },
      { at: week(2), targeted: 10, stillExposed: 6 },
    ]);
    expect(b.of(id)?.due).toBeNull();
  });

  it('keeps the latest due date and skips attention required (R-ATTN-1)', () => {
    const b = new BurnDowns();
    b.add(week(0), [tracked('a1', { dueOn: calendarDate('2026-03-20') }), attention('a2')]);
    b.add(week(1), [tracked('a1', { dueOn: calendarDate('2026-03-27') }), attention('a2')]);
    expect(b.of(activityId('a1'))?.due).toBe('2026-03-27');
    expect(b.of(activityId('a2'))).toBeNull();
    expect(b.of(activityId('absent'))).toBeNull();
  });

  it('refuses snapshots out of order', () => {
    const b = new BurnDowns();
    b.add(week(1), [tracked('a1')]);
    expect(() => b.add(week(0), [tracked('a1')])).toThrow(/not after/);
  });
});
