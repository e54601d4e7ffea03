import { describe, expect, it } from 'vitest';
import {
  devId,
  device,
  exposure,
  group,
  REC_ID,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { parseArchiveSettings } from '../codecs/settings-file.ts';
import { recommendationId } from '../model/ids.ts';
import { type Instant, instant } from '../model/time.ts';
import { metricsCsv } from './metrics-csv.ts';
import { reportMetrics } from './report-metrics.ts';

const at = (day: string): Instant => instant(`${day}T08:00:00Z`);
const dojo = parseArchiveSettings('{"sla": {"preset": "defectdojo"}}', 'remdesk.json');

/*
 * At 2026-03-31 under DefectDojo (critical 7 days, high 30; activity High 30):
 *   open  device 1 (Servers) Critical, first seen 03-20: due 03-27, past due; 11 days old (8-30)
 *   fixed device 2 (=Laptops, a formula-like name) High, seen 03-01, fixed 03-16: due 03-31, on time, 15 days
 *   activity a1 High, requested 03-01, no due date: SLA 03-31, open, not yet due
 */
const m = reportMetrics(
  stateWith({
    devices: [device(1, 'Servers')],
    exposures: [exposure(1, REC_ID, { highestSeverity: 'Critical', firstSeen: at('2026-03-20') })],
    activities: [tracked('a1', { priority: 'High', createdOn: at('2026-03-01'), dueOn: null })],
  }),
  at('2026-03-31'),
  dojo,
  [
    {
      deviceId: devId(2),
      recommendationId: recommendationId('va-_-x-_-y'),
      group: group('=Laptops'),
      severity: 'High',
      firstSeen: at('2026-03-01'),
      fixedAt: at('2026-03-16'),
    },
  ],
  at('2026-03-01'),
);
const lines = (text: string) =>
  text
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');

describe('the metrics as CSV (R-CSV-1)', () => {
  it('M-SLA-1, M-TTR-1 by device group: the numbers as core computed them, a formula neutralised', () => {
    expect(lines(metricsCsv(m, 'by-group'))).toEqual([
      'Device group,Open,Closed with a due date,Closed on time,Compliance,Open past due,Closed without SLA,Closed,Mean days to remediate,Median days to remediate,90th percentile days to remediate',
      "'=Laptops,0,1,1,1,0,0,1,15,15,15",
      'Servers,1,0,0,,1,0,0,,,',
    ]);
    expect(metricsCsv(m, 'by-group').startsWith('\ufeff')).toBe(true);
  });

  it('M-SLA-1 by severity and by priority; a share with nothing closed is empty, not 0', () => {
    expect(lines(metricsCsv(m, 'by-severity')).slice(1)).toEqual([
      'Critical,1,0,0,,1,0,0,,,',
      'High,0,1,1,1,0,0,1,15,15,15',
    ]);
    expect(lines(metricsCsv(m, 'by-priority')).slice(1)).toEqual(['High,1,0,0,,0,0,0,,,']);
  });

  it('M-SLA-1 by month names which episodes each row counts', () => {
    expect(lines(metricsCsv(m, 'by-month')).slice(1)).toEqual([
      'Exposures,2026-03,1,1,1,1,1,0,1,15,15,15',
      'Activities,2026-03,1,0,0,,0,0,0,,,',
    ]);
  });

  it('M-AGE-1 and M-AGE-2: every bucket, empty ones too', () => {
    expect(lines(metricsCsv(m, 'ageing')).slice(1)).toEqual([
      'Exposures,0-7,0',
      'Exposures,8-30,1',
      'Exposures,31-60,0',
      'Exposures,61-90,0',
      'Exposures,91-180,0',
      'Exposures,181+,0',
      'Activities,no-due-date,0',
      'Activities,not-yet-due,1',
      'Activities,overdue-1-7,0',
      'Activities,overdue-8-30,0',
      'Activities,overdue-31+,0',
    ]);
  });
});
