import { describe, expect, it } from 'vitest';
import { attention, tracked } from '../../test/support/core/builders.ts';
import { activityId } from '../model/ids.ts';
import { calendarDate, type Instant, instant } from '../model/time.ts';
import { presetPolicy } from '../sla/policy.ts';
import { BurnDowns } from './burn-down.ts';

const week = (n: number): Instant => instant(`2026-03-${String(1 + 7 * n).padStart(2, '0')}T08:00:00Z`);
const dojo = presetPolicy('defectdojo');
const noSla = presetPolicy('none');

describe('M-BURN-1: burn-down per activity', () => {
  it('reads targeted and still exposed from every snapshot that holds the activity', () => {
    const b = new BurnDowns(noSla);
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
    expect(b.all().get(id)?.points).toEqual([
      { at: week(0), targeted: 10, stillExposed: 10, pastDue: false },
      { at: week(1), targeted: 10, stillExposed: 6, pastDue: false },
      { at: week(2), targeted: 10, stillExposed: 6, pastDue: false },
    ]);
    expect(b.all().get(id)?.due).toEqual({ date: null, source: null });
  });

  it('keeps the latest due date and skips attention required (R-ATTN-1)', () => {
    const b = new BurnDowns(dojo);
    b.add(week(0), [tracked('a1', { dueOn: calendarDate('2026-03-20') }), attention('a2')]);
    b.add(week(1), [tracked('a1', { dueOn: calendarDate('2026-03-27') }), attention('a2')]);
    expect(b.all().get(activityId('a1'))?.due).toEqual({ date: '2026-03-27', source: 'own' });
    expect(b.all().get(activityId('a2'))).toBeUndefined();
    expect(b.all().get(activityId('absent'))).toBeUndefined();
  });

  it('R-SLA-2, R-DUE-1: marks the snapshots after the due date, the SLA date for one without its own', () => {
    // High under DefectDojo: 30 days from 03-01, due 03-31; snapshots 03-01 … 04-05, weekly.
    const b = new BurnDowns(dojo);
    for (const day of ['03-01', '03-08', '03-15', '03-22', '03-29', '04-05'])
      b.add(instant(`2026-${day}T08:00:00Z`), [
        tracked('a1', { priority: 'High', createdOn: week(0), dueOn: null }),
      ]);
    const burn = b.all().get(activityId('a1'));
    expect(burn?.due).toEqual({ date: '2026-03-31', source: 'sla' });
    // 03-29 is before the due date; 04-05 after it.
    expect(burn?.points.map((p) => p.pastDue)).toEqual([false, false, false, false, false, true]);
  });

  it('refuses snapshots out of order', () => {
    const b = new BurnDowns(noSla);
    b.add(week(1), [tracked('a1')]);
    expect(() => b.add(week(0), [tracked('a1')])).toThrow(/not after/);
  });
});
