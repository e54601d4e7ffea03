import { addDays, type CalendarDate, daysInMonth, startOfDay } from '../model/time.ts';
import type { Episode } from './episode.ts';
import { type Compliance, slaCompliance } from './sla-compliance.ts';
import { type DurationSummary, durationSummary } from './time-to-remediate.ts';

/** What a period says of some episodes: M-SLA-1 and M-TTR-1, and how many were open at its end. */
export interface PeriodFigures {
  /** Open at the period's end. */
  readonly open: number;
  readonly compliance: Compliance;
  /** Of the episodes closed in the period. */
  readonly timeToRemediate: DurationSummary;
}

/** One row of a table managers sort: a priority, a severity, a device group or a month. */
export interface KeyFigures<K extends string> extends PeriodFigures {
  readonly key: K;
}

/** M-SLA-1 and M-TTR-1 of `episodes` over the period [from, to] (days, inclusive). */
export function periodFigures(
  episodes: readonly Episode[],
  from: CalendarDate,
  to: CalendarDate,
): PeriodFigures {
  let open = 0;
  const closed: { opened: Episode['opened']; closed: NonNullable<Episode['closed']> }[] = [];
  const after = startOfDay(addDays(to, 1));
  const start = startOfDay(from);
  for (const e of episodes) {
    // Instants compared with the first moments of days (instants of one form compare as text): the
    // months' figures pass over every episode once a month, without slicing out its day each time.
    if (e.opened >= after) continue;
    if (e.closed === null || e.closed >= after) open++;
    else if (e.closed >= start) closed.push({ opened: e.opened, closed: e.closed });
  }
  return { open, compliance: slaCompliance(episodes, from, to), timeToRemediate: durationSummary(closed) };
}

/**
 * The figures of each key over one period: the rows of the per-group, per-priority and
 * per-severity tables, sorted by key so that tables and CSVs are the same whatever order the
 * episodes came in.
 */
export function figuresBy<K extends string>(
  episodes: readonly Episode<K>[],
  from: CalendarDate,
  to: CalendarDate,
): KeyFigures<K>[] {
  const byKey = new Map<K, Episode<K>[]>();
  for (const e of episodes) {
    const list = byKey.get(e.key);
    if (list) list.push(e);
    else byKey.set(e.key, [e]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ key, ...periodFigures(list, from, to) }));
}

/** A calendar month, `YYYY-MM`. */
export type Month = `${number}-${number}`;

/**
 * The figures of each calendar month (UTC) from the one holding `from` to the one holding `to`,
 * the last cut at `to`: the trend of compliance and time to remediate.
 */
export function figuresByMonth(
  episodes: readonly Episode[],
  from: CalendarDate,
  to: CalendarDate,
): KeyFigures<Month>[] {
  const rows: KeyFigures<Month>[] = [];
  let start = `${from.slice(0, 7)}-01` as CalendarDate;
  while (start <= to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const last = addDays(start, daysInMonth(y, m) - 1);
    const end = last < to ? last : to;
    rows.push({ key: start.slice(0, 7) as Month, ...periodFigures(episodes, start, end) });
    start = addDays(last, 1);
  }
  return rows;
}
