import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attention, exposure, group, morningOf, REC_ID, tracked } from '../../test/support/core/builders.ts';
import { addCounts } from '../model/count.ts';
import { email } from '../model/ids.ts';
import { calendarDate, instant } from '../model/time.ts';
import { presetPolicy } from '../sla/policy.ts';
import { ageing } from './ageing.ts';
import { activityEpisode, fixedExposureEpisode, openExposureEpisode } from './episodes.ts';
import {
  addFigures,
  addKeyFigures,
  figuresBy,
  figuresByMonth,
  monthsBetween,
  periodFigures,
} from './figures-by.ts';

const at = morningOf;
const dojo = presetPolicy('defectdojo');
/** Attention required is only ever completed by hand (R-DONE-2). */
const completedBy = (day: string) =>
  ({
    status: 'Completed',
    completion: {
      method: 'Manual',
      completedOn: at(day),
      completerEmail: email('alice@contoso.com'),
      completerId: null,
    },
  }) as const;

describe('episodes', () => {
  it('R-SLA-2: an activity without a due date gets its priority’s SLA date; its own date wins', () => {
    const own = tracked('a1', {
      createdOn: at('2026-03-01'),
      dueOn: calendarDate('2026-03-05'),
      priority: 'High',
    });
    const none = tracked('a2', { createdOn: at('2026-03-01'), dueOn: null, priority: 'High' });
    expect(activityEpisode(own, dojo, 'k').due).toBe('2026-03-05');
    expect(activityEpisode(none, dojo, 'k').due).toBe('2026-03-31');
    expect(activityEpisode(none, presetPolicy('none'), 'k').due).toBeNull();
  });

  it('R-ATTN-1: attention required counts for time to remediate, never for compliance', () => {
    const a = attention('a3', { createdOn: at('2026-03-01'), ...completedBy('2026-03-04') });
    expect(activityEpisode(a, dojo, 'k')).toEqual({
      key: 'k',
      opened: at('2026-03-01'),
      closed: at('2026-03-04'),
      due: null,
    });
  });

  it('R-SLA-3: an exposure is due from its first seen by severity; without first seen it is not measured', () => {
    const e = exposure(1, REC_ID, { firstSeen: at('2026-03-01'), highestSeverity: 'Critical' });
    expect(openExposureEpisode(e, 'Servers', dojo)).toEqual({
      key: 'Critical',
      group: 'Servers',
      opened: at('2026-03-01'),
      closed: null,
      due: '2026-03-08',
    });
    expect(openExposureEpisode(exposure(2), 'Servers', dojo)).toBeNull();
    const fix = {
      deviceId: e.deviceId,
      recommendationId: REC_ID,
      group: group('Servers'),
      severity: 'Low',
      fixedAt: at('2026-03-09'),
    } as const;
    expect(fixedExposureEpisode({ ...fix, firstSeen: null }, dojo)).toBeNull();
    // Low under DefectDojo: 120 days from 1 March.
    expect(fixedExposureEpisode({ ...fix, firstSeen: at('2026-03-01') }, dojo)).toEqual({
      key: 'Low',
      group: 'Servers',
      opened: at('2026-03-01'),
      closed: at('2026-03-09'),
      due: '2026-06-29',
    });
  });
});

describe('M-SLA-1, M-TTR-1 by key', () => {
  it('gives each key its open count, compliance and time to remediate, sorted by key', () => {
    // March 2026, DefectDojo. Servers: a fixed on time in 3 days, b fixed late in 40 days, c open
    // past due. Laptops: d open, not yet due.
    const ep = (key: string, opened: string, closed: string | null, due: string) => ({
      key,
      opened: at(opened),
      closed: closed === null ? null : at(closed),
      due: calendarDate(due),
    });
    const rows = figuresBy(
      [
        ep('Servers', '2026-03-01', '2026-03-04', '2026-03-08'),
        ep('Laptops', '2026-03-20', null, '2026-04-19'),
        ep('Servers', '2026-02-01', '2026-03-13', '2026-03-03'),
        ep('Servers', '2026-01-01', null, '2026-01-31'),
      ],
      calendarDate('2026-03-01'),
      calendarDate('2026-03-31'),
      (e) => e.key,
    );
    expect(
      rows.map((r) => [r.key, r.open, r.compliance.closed, r.compliance.onTime, r.compliance.openPastDue]),
    ).toEqual([
      ['Laptops', 1, 0, 0, 0],
      ['Servers', 1, 2, 1, 1],
    ]);
    // 3 and 40 days: mean 21.5, median 21.5, p90 = 2nd = 40.
    expect(rows[1]?.timeToRemediate).toEqual({ count: 2, meanDays: 21.5, medianDays: 21.5, p90Days: 40 });
    expect(rows[0]?.timeToRemediate.count).toBe(0);
  });
});

describe('M-SLA-1, M-TTR-1 by month', () => {
  it('gives each calendar month its own period, the last cut at the end day', () => {
    const ep = (opened: string, closed: string | null, due: string) => ({
      key: 'k',
      opened: at(opened),
      closed: closed === null ? null : at(closed),
      due: calendarDate(due),
    });
    // a: fixed in February on time (2 days); b: fixed in March late (30 days); c: open, due 03-20.
    const rows = figuresByMonth(
      [
        ep('2026-02-01', '2026-02-03', '2026-02-10'),
        ep('2026-02-10', '2026-03-12', '2026-03-01'),
        ep('2026-03-01', null, '2026-03-20'),
      ],
      calendarDate('2026-02-14'),
      calendarDate('2026-03-15'),
    );
    expect(rows.map((r) => r.key)).toEqual(['2026-02', '2026-03']);
    // February (whole month, though `from` is the 14th): a on time; b open at its end, past due? due 03-01: no.
    expect(rows[0]).toMatchObject({ open: 1, compliance: { closed: 1, onTime: 1, openPastDue: 0 } });
    expect(rows[0]?.timeToRemediate.medianDays).toBe(2);
    // March up to the 15th: b closed late; c open, not yet due on the 15th.
    expect(rows[1]).toMatchObject({ open: 1, compliance: { closed: 1, onTime: 0, openPastDue: 0 } });
    expect(rows[1]?.timeToRemediate.medianDays).toBe(30);
  });
});

// Episodes over some 200 days from 2025-11-20, a day number apart, for the properties below.
const DAY = 86_400_000;
const base = Date.parse('2025-11-20T00:00:00Z');
const moment = (d: number, minute: number) =>
  instant(new Date(base + d * DAY + minute * 60_000).toISOString());
const day = (d: number) => calendarDate(new Date(base + d * DAY).toISOString().slice(0, 10));
const episodeOf = (closing: fc.Arbitrary<number | null>) =>
  fc
    .record({
      key: fc.constantFrom('a', 'b', 'c'),
      opened: fc.integer({ min: 0, max: 200 }),
      length: closing,
      due: fc.option(fc.integer({ min: -10, max: 260 }), { nil: null }),
      minute: fc.integer({ min: 0, max: 1439 }),
    })
    .map(({ key, opened, length, due, minute }) => ({
      key,
      opened: moment(opened, minute),
      closed: length === null ? null : moment(opened + length, minute),
      due: due === null ? null : day(due),
    }));
const episode = episodeOf(fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }));
const stillOpen = episodeOf(fc.constant(null));
/** A period of up to 120 days, starting within the episodes' days. */
const period = fc
  .record({ start: fc.integer({ min: 0, max: 120 }), span: fc.integer({ min: 0, max: 120 }) })
  .map(({ start, span }) => ({ from: day(start), to: day(start + span) }));

describe('figuresByMonth in one pass', () => {
  it('gives each month exactly what periodFigures gives over that month', () => {
    fc.assert(
      fc.property(fc.array(episode, { maxLength: 40 }), period, (episodes, { from, to }) => {
        const expected = monthsBetween(from, to).map((m) => ({
          key: m.key,
          ...periodFigures(episodes, m.start, m.end),
        }));
        expect(figuresByMonth(episodes, from, to)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('figuresBy', () => {
  it('gives every key exactly what periodFigures gives over all its episodes', () => {
    fc.assert(
      fc.property(fc.array(episode, { maxLength: 40 }), period, (episodes, { from, to }) => {
        const keys = [...new Set(episodes.map((e) => e.key))].sort();
        expect(figuresBy(episodes, from, to, (e) => e.key)).toEqual(
          keys.map((key) => ({
            key,
            ...periodFigures(
              episodes.filter((e) => e.key === key),
              from,
              to,
            ),
          })),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('adding figures', () => {
  it('the figures of fixed and still open episodes, each worked out alone and added, are those of all of them', () => {
    fc.assert(
      fc.property(
        fc.array(episode, { maxLength: 30 }),
        fc.array(stillOpen, { maxLength: 30 }),
        period,
        (some, open, { from, to }) => {
          const all = [...some, ...open];
          const key = (e: { key: string }) => e.key;
          expect(addFigures(periodFigures(some, from, to), periodFigures(open, from, to))).toEqual(
            periodFigures(all, from, to),
          );
          expect(addKeyFigures(figuresBy(some, from, to, key), figuresBy(open, from, to, key))).toEqual(
            figuresBy(all, from, to, key),
          );
          expect(addKeyFigures(figuresByMonth(some, from, to), figuresByMonth(open, from, to))).toEqual(
            figuresByMonth(all, from, to),
          );
          expect(addCounts(ageing(some, to), ageing(open, to))).toEqual(ageing(all, to));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses to add two sets that both closed episodes: a median of medians is no median', () => {
    const closed = [{ key: 'k', opened: at('2026-03-01'), closed: at('2026-03-05'), due: null }];
    const [from, to] = [calendarDate('2026-03-01'), calendarDate('2026-03-31')];
    expect(() => addFigures(periodFigures(closed, from, to), periodFigures(closed, from, to))).toThrow(
      /times to remediate do not add/,
    );
  });
});
