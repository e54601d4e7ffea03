import { describe, expect, it } from 'vitest';
import { type CalendarDate, calendarDate, type Instant, instant } from '../model/time.ts';
import { ageing, dueStanding } from './ageing.ts';
import type { Episode } from './episode.ts';
import { slaCompliance } from './sla-compliance.ts';
import { durationSummary, spanDays } from './time-to-remediate.ts';

const at = (day: string, time = '08:00:00'): Instant => instant(`${day}T${time}Z`);
const day = (s: string): CalendarDate => calendarDate(s);
const ep = (opened: string, closed: string | null, due: string | null): Episode => ({
  key: 'k',
  opened: at(opened),
  closed: closed === null ? null : at(closed),
  due: due === null ? null : day(due),
});

/*
 * A small world, computed by hand. The period is March 2026.
 *   a  opened 02-20, due 03-05, fixed 03-04          closed in March, on time
 *   b  opened 02-20, due 03-05, fixed 03-05          on time: the due day itself counts
 *   c  opened 02-01, due 02-15, fixed 03-10          late (a breach fixed in March)
 *   d  opened 03-01, no SLA,    fixed 03-20          closed, outside the SLA
 *   e  opened 01-10, due 01-31, open                 open past due at 03-31
 *   f  opened 03-25, due 04-24, open                 open, not yet due
 *   g  opened 01-01, due 01-31, fixed 02-27          closed before March: not counted
 *   h  opened 04-02, due 04-09, open                 opened after the period: not counted
 *   i  opened 03-02, due 03-30, fixed 04-03          open at 03-31 and past due
 */
const world = [
  ep('2026-02-20', '2026-03-04', '2026-03-05'),
  ep('2026-02-20', '2026-03-05', '2026-03-05'),
  ep('2026-02-01', '2026-03-10', '2026-02-15'),
  ep('2026-03-01', '2026-03-20', null),
  ep('2026-01-10', null, '2026-01-31'),
  ep('2026-03-25', null, '2026-04-24'),
  ep('2026-01-01', '2026-02-27', '2026-01-31'),
  ep('2026-04-02', null, '2026-04-09'),
  ep('2026-03-02', '2026-04-03', '2026-03-30'),
];

describe('M-SLA-1: SLA compliance in a period', () => {
  it('counts what closed in the period by its due date, and open breaches apart', () => {
    // Closed in March with a due date: a, b, c → a and b on time. Open at 03-31 past due: e, i.
    expect(slaCompliance(world, day('2026-03-01'), day('2026-03-31'))).toEqual({
      closed: 3,
      onTime: 2,
      share: 2 / 3,
      openPastDue: 2,
      closedWithoutSla: 1,
    });
  });

  it('a breach stays counted until it is fixed, then counts once as late', () => {
    // February: c open and past due (due 02-15) at 02-28; g closed late; e open past due.
    expect(slaCompliance(world, day('2026-02-01'), day('2026-02-28'))).toMatchObject({
      closed: 1,
      onTime: 0,
      openPastDue: 2,
    });
  });

  it('nothing closed with a due date is no share, not 0% or 100%', () => {
    expect(
      slaCompliance([ep('2026-03-01', '2026-03-02', null)], day('2026-03-01'), day('2026-03-31')).share,
    ).toBeNull();
  });
});

describe('M-TTR-1: time to remediate', () => {
  it('gives mean, median and the nearest-rank 90th percentile in days', () => {
    // 1, 2, 3, 4, 10 days: mean 4, median 3, p90 = rank ceil(4.5) = 5th = 10.
    const spans = [1, 2, 3, 4, 10].map((d) =>
      spanDays(at('2026-03-01'), at(`2026-03-${String(1 + d).padStart(2, '0')}`)),
    );
    expect(durationSummary(spans)).toEqual({ count: 5, meanDays: 4, medianDays: 3, p90Days: 10 });
  });

  it('the median of an even count is the mean of the two middle values; hours count', () => {
    const spans = [
      spanDays(at('2026-03-01'), at('2026-03-02')),
      spanDays(at('2026-03-01'), at('2026-03-03', '20:00:00')),
    ];
    // 1 day and 2.5 days: median 1.75 → 1.8 to one decimal; p90 = 2nd = 2.5.
    expect(durationSummary(spans)).toEqual({ count: 2, meanDays: 1.8, medianDays: 1.8, p90Days: 2.5 });
  });

  it('nothing closed gives no figures', () => {
    expect(durationSummary([])).toEqual({ count: 0, meanDays: null, medianDays: null, p90Days: null });
  });
});

describe('M-AGE-1/2: ageing on a day', () => {
  const today = day('2026-03-31');

  it('M-AGE-1: open episodes by days since opened, bucket edges included below', () => {
    // Open at 03-31: e (opened 01-10: 80 days), f (03-25: 6 days), i (03-02: 29 days).
    expect(ageing(world, today)).toEqual({
      '0-7': 1,
      '8-30': 1,
      '31-60': 0,
      '61-90': 1,
      '91-180': 0,
      '181+': 0,
    });
    const edges = ['2026-03-24', '2026-03-23', '2026-03-01', '2026-01-30', '2025-10-02', '2025-10-01'].map(
      (d) => ep(d, null, null),
    );
    // 7, 8, 30, 60, 180 and 181 days old.
    expect(ageing(edges, today)).toEqual({
      '0-7': 1,
      '8-30': 2,
      '31-60': 1,
      '61-90': 0,
      '91-180': 1,
      '181+': 1,
    });
  });

  it('M-AGE-2: open episodes against their due dates; due today is not overdue (R-DUE-1)', () => {
    const open = [
      ep('2026-03-01', null, null),
      ep('2026-03-01', null, '2026-03-31'),
      ep('2026-03-01', null, '2026-03-24'),
      ep('2026-03-01', null, '2026-03-23'),
      ep('2026-01-01', null, '2026-03-01'),
      ep('2026-01-01', null, '2026-02-28'),
      ep('2026-01-01', '2026-03-30', '2026-01-02'),
    ];
    expect(dueStanding(open, today)).toEqual({
      'no-due-date': 1,
      'not-yet-due': 1,
      'overdue-1-7': 1,
      'overdue-8-30': 2,
      'overdue-31+': 1,
    });
  });
});
