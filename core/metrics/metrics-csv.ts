import { csvDocument } from '../codecs/csv/write.ts';
import { AGE_BUCKETS, DUE_BUCKETS } from './ageing.ts';
import type { KeyFigures } from './figures-by.ts';
import type { ReportMetrics } from './report-metrics.ts';

/** The metrics' CSV files the report publishes (csv/metrics/<name>.csv), one per table of the metrics page. */
export const METRICS_CSV_FILES = ['by-group', 'by-severity', 'by-priority', 'by-month', 'ageing'] as const;
export type MetricsCsvFile = (typeof METRICS_CSV_FILES)[number];

/** M-SLA-1 and M-TTR-1 of one row, after the column(s) naming it. */
const FIGURE_COLUMNS = [
  'Open',
  'Closed with a due date',
  'Closed on time',
  'Compliance',
  'Open past due',
  'Closed without SLA',
  'Closed',
  'Mean days to remediate',
  'Median days to remediate',
  '90th percentile days to remediate',
] as const;

/** Numbers as core computed them (a share as 0.5, days to one decimal); empty for "none" (null). */
const cell = (n: number | null): string => (n === null ? '' : String(n));

const figureCells = (r: KeyFigures<string>): string[] =>
  [
    r.open,
    r.compliance.closed,
    r.compliance.onTime,
    r.compliance.share,
    r.compliance.openPastDue,
    r.compliance.closedWithoutSla,
    r.timeToRemediate.count,
    r.timeToRemediate.meanDays,
    r.timeToRemediate.medianDays,
    r.timeToRemediate.p90Days,
  ].map(cell);

/** The tables of one row a key: the key's column and where its rows are. */
const BY_KEY: Readonly<
  Record<
    'by-group' | 'by-severity' | 'by-priority',
    readonly [string, (m: ReportMetrics) => readonly KeyFigures<string>[]]
  >
> = {
  'by-group': ['Device group', (m) => m.exposures.byGroup],
  'by-severity': ['Severity', (m) => m.exposures.bySeverity],
  'by-priority': ['Priority', (m) => m.activities.byPriority],
};

/**
 * One of the metrics' CSV files (R-CSV-1: BOM, CRLF, formula-neutralised), carrying the numbers the
 * metrics page and index.json show. Exposures are counted by severity and device group, activities
 * by priority; by month and ageing name which episodes a row counts (`Exposures`, `Activities`).
 */
export function metricsCsv(m: ReportMetrics, file: MetricsCsvFile): string {
  switch (file) {
    case 'by-month':
      return csvDocument(
        ['Of', 'Month', ...FIGURE_COLUMNS],
        [
          ...m.exposures.byMonth.map((r) => ['Exposures', r.key, ...figureCells(r)]),
          ...m.activities.byMonth.map((r) => ['Activities', r.key, ...figureCells(r)]),
        ],
      );
    case 'ageing':
      // M-AGE-1 in days since first seen, then M-AGE-2 against due dates.
      return csvDocument(
        ['Of', 'Bucket', 'Count'],
        [
          ...AGE_BUCKETS.map((b) => ['Exposures', b, cell(m.exposures.ageing[b])]),
          ...DUE_BUCKETS.map((b) => ['Activities', b, cell(m.activities.dueStanding[b])]),
        ],
      );
    default: {
      const [column, rows] = BY_KEY[file];
      return csvDocument(
        [column, ...FIGURE_COLUMNS],
        rows(m).map((r) => [r.key, ...figureCells(r)]),
      );
    }
  }
}
