import { describe, expect, it } from 'vitest';
import {
  attention,
  CONFIG_REC_ID,
  DEFECTDOJO,
  devId,
  device,
  exposure,
  group,
  metricsOf,
  morningOf,
  REC_ID,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { DEFAULT_SETTINGS } from '../codecs/settings-file.ts';
import type { ExposureFix } from '../model/exposure.ts';
import { recommendationId } from '../model/ids.ts';
import { calendarDate } from '../model/time.ts';
import { metricsCsv } from './metrics-csv.ts';
import { fixedExposureFigures, reportMetrics } from './report-metrics.ts';

const at = morningOf;
const dojo = DEFECTDOJO;
const X = recommendationId('va-_-x-_-x');
const fix = (n: number, over: Partial<ExposureFix>): ExposureFix => ({
  deviceId: devId(n),
  recommendationId: X,
  group: group('Servers'),
  severity: 'High',
  firstSeen: null,
  fixedAt: at('2026-03-15'),
  ...over,
});

/*
 * A small archive at 2026-03-31, DefectDojo's SLA (critical 7, high 30, medium 90, low 120 days),
 * computed by hand. The headline period is 2026-03-02 to 2026-03-31.
 *   open  e1 device 1 (Servers) Critical, first seen 03-20: due 03-27, past due; 11 days old
 *         e2 device 2 (Laptops) Low, first seen 03-30: due 07-28; 1 day old
 *         e3 device 2 (Laptops) no severity, first seen 01-01: no SLA; 89 days old
 *         e4 device 1, no first seen: not measured
 *   fixed f1 Servers High, seen 03-01, fixed 03-15: due 03-31, on time, 14 days
 *         f2 Laptops Medium, seen 2025-12-01, fixed 03-22: due 03-01, late, 111 days
 *         f3 Servers High, seen 02-01, fixed 02-15: before the period (on time, 14 days)
 *   activities a1 High, requested 03-01 with no due date → SLA 03-31, completed 03-10: on time, 9 days
 *              a2 Low, due 02-01, open: past due by 58 days
 *              a3 attention required, open: no due date
 */
const state = stateWith({
  devices: [device(1, 'Servers'), device(2, 'Laptops')],
  exposures: [
    exposure(1, REC_ID, { highestSeverity: 'Critical', firstSeen: at('2026-03-20') }),
    exposure(2, REC_ID, { highestSeverity: 'Low', firstSeen: at('2026-03-30') }),
    exposure(2, CONFIG_REC_ID, { highestSeverity: null, firstSeen: at('2026-01-01') }),
    exposure(1, CONFIG_REC_ID, { firstSeen: null }),
  ],
  activities: [
    tracked('a1', {
      priority: 'High',
      createdOn: at('2026-03-01'),
      dueOn: null,
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: at('2026-03-10') },
    }),
    tracked('a2', { priority: 'Low', createdOn: at('2026-01-01'), dueOn: calendarDate('2026-02-01') }),
    attention('a3', { createdOn: at('2026-03-05') }),
  ],
});
const fixes = [
  fix(1, { firstSeen: at('2026-03-01') }),
  fix(2, {
    group: group('Laptops'),
    severity: 'Medium',
    firstSeen: at('2025-12-01'),
    fixedAt: at('2026-03-22'),
  }),
  fix(3, { firstSeen: at('2026-02-01'), fixedAt: at('2026-02-15') }),
];
const m = metricsOf(state, at('2026-03-31'), dojo, fixes, at('2026-02-01'));

describe('reportMetrics on an archive computed by hand', () => {
  it('M-SLA-1, M-TTR-1: the exposures headline over the 30 days up to the latest snapshot', () => {
    expect([m.from, m.to]).toEqual(['2026-03-02', '2026-03-31']);
    expect(m.exposures.headline).toEqual({
      open: 3,
      compliance: { closed: 2, onTime: 1, share: 0.5, openPastDue: 1, closedWithoutSla: 0 },
      timeToRemediate: { count: 2, meanDays: 62.5, medianDays: 62.5, p90Days: 111 },
    });
    expect(m.exposures.unmeasured).toBe(1);
  });

  it('M-SLA-1 by severity and by device group (the group while exposed)', () => {
    expect(
      m.exposures.bySeverity.map((r) => [r.key, r.open, r.compliance.closed, r.compliance.onTime]),
    ).toEqual([
      ['Critical', 1, 0, 0],
      ['High', 0, 1, 1],
      ['Low', 1, 0, 0],
      ['Medium', 0, 1, 0],
      ['unknown', 1, 0, 0],
    ]);
    expect(
      m.exposures.byGroup.map((r) => [r.key, r.open, r.compliance.openPastDue, r.timeToRemediate.medianDays]),
    ).toEqual([
      ['Laptops', 2, 0, 111],
      ['Servers', 1, 1, 14],
    ]);
  });

  it('M-AGE-1: open exposures by age', () => {
    expect(m.exposures.ageing).toEqual({
      '0-7': 1,
      '8-30': 1,
      '31-60': 0,
      '61-90': 1,
      '91-180': 0,
      '181+': 0,
    });
  });

  it('M-SLA-1 by month from the first snapshot', () => {
    expect(m.exposures.byMonth.map((r) => [r.key, r.open, r.compliance.closed, r.compliance.onTime])).toEqual(
      [
        ['2026-02', 2, 1, 1],
        ['2026-03', 3, 2, 1],
      ],
    );
  });

  it('R-SLA-2, M-AGE-2: activities, an activity without a due date held to its SLA date', () => {
    expect(m.activities.headline).toEqual({
      open: 2,
      compliance: { closed: 1, onTime: 1, share: 1, openPastDue: 1, closedWithoutSla: 0 },
      timeToRemediate: { count: 1, meanDays: 9, medianDays: 9, p90Days: 9 },
    });
    expect(m.activities.byPriority.map((r) => r.key)).toEqual(['High', 'Low', 'Medium']);
    expect(m.activities.dueStanding).toEqual({
      'no-due-date': 1,
      'not-yet-due': 0,
      'overdue-1-7': 0,
      'overdue-8-30': 0,
      'overdue-31+': 1,
    });
  });
});

/** A CSV's lines after its header, without the BOM and CRLF. */
const csvLines = (text: string) =>
  text
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1);

describe('reportMetrics adds only figures of the same report', () => {
  it("refuses the fixes' figures of another moment or another SLA policy", () => {
    const fixed = fixedExposureFigures(fixes, dojo.sla, at('2026-03-31'), at('2026-02-01'));
    expect(() => reportMetrics(state, at('2026-03-30'), dojo, fixed)).toThrow(/of 2026-03-31/);
    expect(() => reportMetrics(state, at('2026-03-31'), DEFAULT_SETTINGS, fixed)).toThrow(
      /another SLA policy/,
    );
    expect(reportMetrics(state, at('2026-03-31'), dojo, fixed)).toEqual(m);
  });
});

describe('the same metrics as CSV (R-CSV-1)', () => {
  // Columns: key, open, closed with a due date, on time, compliance, open past due, closed without
  // SLA, closed, mean, median, p90 days; a share as core has it, none as an empty cell.
  it('M-SLA-1, M-TTR-1 by device group, severity and priority', () => {
    expect(metricsCsv(m, 'by-group').split('\r\n')[0]).toBe(
      '\ufeffDevice group,Open,Closed with a due date,Closed on time,Compliance,Open past due,Closed without SLA,Closed,Mean days to remediate,Median days to remediate,90th percentile days to remediate',
    );
    expect(csvLines(metricsCsv(m, 'by-group'))).toEqual([
      'Laptops,2,1,0,0,0,0,1,111,111,111',
      'Servers,1,1,1,1,1,0,1,14,14,14',
    ]);
    expect(csvLines(metricsCsv(m, 'by-severity'))).toEqual([
      'Critical,1,0,0,,1,0,0,,,',
      'High,0,1,1,1,0,0,1,14,14,14',
      'Low,1,0,0,,0,0,0,,,',
      'Medium,0,1,0,0,0,0,1,111,111,111',
      'unknown,1,0,0,,0,0,0,,,',
    ]);
    expect(csvLines(metricsCsv(m, 'by-priority'))).toEqual([
      'High,0,1,1,1,0,0,1,9,9,9',
      'Low,1,0,0,,1,0,0,,,',
      'Medium,1,0,0,,0,0,0,,,',
    ]);
  });

  it('M-SLA-1, M-TTR-1 by month, naming which episodes each row counts', () => {
    // February for exposures: f3 on time in 14 days; e3 and f2 open at its end, neither past due.
    // February for activities: a2 open and past due (due 02-01).
    expect(csvLines(metricsCsv(m, 'by-month'))).toEqual([
      'Exposures,2026-02,2,1,1,1,0,0,1,14,14,14',
      'Exposures,2026-03,3,2,1,0.5,1,0,2,62.5,62.5,111',
      'Activities,2026-02,1,0,0,,1,0,0,,,',
      'Activities,2026-03,2,1,1,1,1,0,1,9,9,9',
    ]);
  });

  it('M-AGE-1 and M-AGE-2: every bucket, empty ones too', () => {
    expect(csvLines(metricsCsv(m, 'ageing'))).toEqual([
      'Exposures,0-7,1',
      'Exposures,8-30,1',
      'Exposures,31-60,0',
      'Exposures,61-90,1',
      'Exposures,91-180,0',
      'Exposures,181+,0',
      'Activities,no-due-date,1',
      'Activities,not-yet-due,0',
      'Activities,overdue-1-7,0',
      'Activities,overdue-8-30,0',
      'Activities,overdue-31+,1',
    ]);
  });
});
