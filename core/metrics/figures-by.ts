import {
  addDays,
  type CalendarDate,
  dayOf,
  daysInMonth,
  type Instant,
  monthNumber,
  startOfDay,
} from '../model/time.ts';
import type { Episode } from './episode.ts';
import { addCompliance, type Compliance, slaCompliance } from './sla-compliance.ts';
import { type DurationSummary, durationSummary, spanDays } from './time-to-remediate.ts';

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
  const closed: number[] = [];
  const after = startOfDay(addDays(to, 1));
  const start = startOfDay(from);
  for (const e of episodes) {
    // Instants compared with the first moments of days (instants of one form compare as text): the
    // months' figures pass over every episode once a month, without slicing out its day each time.
    if (e.opened >= after) continue;
    if (e.closed === null || e.closed >= after) open++;
    else if (e.closed >= start) closed.push(spanDays(e.opened, e.closed));
  }
  return { open, compliance: slaCompliance(episodes, from, to), timeToRemediate: durationSummary(closed) };
}

/**
 * The figures of two sets of episodes over one period, from each one's. Counts add; times to
 * remediate do not (a median of medians is no median), so at most one set may have closed
 * episodes in the period: open exposures, added to the fixed ones, have none.
 */
export function addFigures(a: PeriodFigures, b: PeriodFigures): PeriodFigures {
  if (a.timeToRemediate.count > 0 && b.timeToRemediate.count > 0) {
    throw new Error('times to remediate do not add: only one set may have closed episodes');
  }
  return {
    open: a.open + b.open,
    compliance: addCompliance(a.compliance, b.compliance),
    timeToRemediate: b.timeToRemediate.count > 0 ? b.timeToRemediate : a.timeToRemediate,
  };
}

const byKey = <K extends string>(a: K, b: K): number => (a < b ? -1 : a > b ? 1 : 0);

/** Two tables of figures by key (each sorted by key), added key by key: `addFigures` for each. */
export function addKeyFigures<K extends string>(
  a: readonly KeyFigures<K>[],
  b: readonly KeyFigures<K>[],
): KeyFigures<K>[] {
  const sum = new Map<K, KeyFigures<K>>(a.map((row) => [row.key, row]));
  for (const row of b) {
    const other = sum.get(row.key);
    sum.set(row.key, other ? { key: row.key, ...addFigures(other, row) } : row);
  }
  return [...sum.values()].sort((x, y) => byKey(x.key, y.key));
}

/**
 * The figures of each key over one period: the rows of the per-group, per-priority and
 * per-severity tables, sorted by key so that tables and CSVs are the same whatever order the
 * episodes came in. `keyOf` groups them by another key than their own (exposures by device group).
 */
export function figuresBy<E extends Episode, K extends string>(
  episodes: readonly E[],
  from: CalendarDate,
  to: CalendarDate,
  keyOf: (e: E) => K,
): KeyFigures<K>[] {
  const groups = new Map<K, E[]>();
  // Every key gets its row, but an episode opened after the period or closed before it counts
  // nowhere in it: only the others are handed to periodFigures (an archive's fixes are mostly old).
  const [start, after] = [startOfDay(from), startOfDay(addDays(to, 1))];
  for (const e of episodes) {
    const key = keyOf(e);
    let list = groups.get(key);
    if (list === undefined) {
      list = [];
      groups.set(key, list);
    }
    if (e.opened < after && (e.closed === null || e.closed >= start)) list.push(e);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byKey(a, b))
    .map(([key, list]) => ({ key, ...periodFigures(list, from, to) }));
}

/** A calendar month, `YYYY-MM`. */
export type Month = `${number}-${number}`;

/** The months from the one holding `from` to the one holding `to`, each with its first and last day (the last cut at `to`). */
export function monthsBetween(
  from: CalendarDate,
  to: CalendarDate,
): { readonly key: Month; readonly start: CalendarDate; readonly end: CalendarDate }[] {
  const months: { key: Month; start: CalendarDate; end: CalendarDate }[] = [];
  let start = `${from.slice(0, 7)}-01` as CalendarDate;
  while (start <= to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const last = addDays(start, daysInMonth(y, m) - 1);
    months.push({ key: start.slice(0, 7) as Month, start, end: last < to ? last : to });
    start = addDays(last, 1);
  }
  return months;
}

/**
 * The figures of each calendar month (UTC) from the one holding `from` to the one holding `to`,
 * the last cut at `to`: the trend of compliance and time to remediate. Each month's row is
 * `periodFigures` over that month; they are worked out in one pass over the episodes (an episode is
 * closed in at most one month, and open, or open past due, at the end of a run of months), since a
 * year of a large archive is a dozen months over hundreds of thousands of episodes.
 */
export function figuresByMonth(
  episodes: readonly Episode[],
  from: CalendarDate,
  to: CalendarDate,
): KeyFigures<Month>[] {
  const months = monthsBetween(from, to);
  const n = months.length;
  const firstDay = months[0]?.start ?? from;
  const [start, after, firstMonth] = [
    startOfDay(firstDay),
    startOfDay(addDays(to, 1)),
    monthNumber(firstDay),
  ];
  /** The month a moment falls in: -1 before the first, n after the last (past `to`). */
  const monthOf = (t: Instant): number => (t < start ? -1 : t >= after ? n : monthNumber(t) - firstMonth);
  /** The first month whose end is after `day`. */
  const firstEndingAfter = (day: CalendarDate): number => {
    if (day < firstDay) return 0;
    if (day > to) return n + 1;
    const m = monthNumber(day) - firstMonth;
    return (months[m]?.end ?? day) > day ? m : m + 1;
  };
  // Open (and open past due) at the ends of runs of months: counted as differences, summed after.
  const open = new Array<number>(n + 1).fill(0);
  const pastDue = new Array<number>(n + 1).fill(0);
  const closed = new Array<number>(n).fill(0);
  const onTime = new Array<number>(n).fill(0);
  const withoutSla = new Array<number>(n).fill(0);
  const spans: number[][] = months.map(() => []);
  // Moments compared as text and months read from it, not cut into days: this is a pass over every
  // episode an archive ever held.
  for (const e of episodes) {
    if (e.opened >= after) continue;
    const first = Math.max(0, monthOf(e.opened));
    const closedIn = e.closed === null ? n : monthOf(e.closed);
    if (closedIn < 0) continue;
    // Open at the end of every month from the one it was opened in to the one before it closed.
    if (first < closedIn) {
      open[first] = (open[first] ?? 0) + 1;
      open[closedIn] = (open[closedIn] ?? 0) - 1;
      if (e.due !== null) {
        const late = Math.max(first, firstEndingAfter(e.due));
        if (late < closedIn) {
          pastDue[late] = (pastDue[late] ?? 0) + 1;
          pastDue[closedIn] = (pastDue[closedIn] ?? 0) - 1;
        }
      }
    }
    if (closedIn >= n || e.closed === null) continue;
    if (e.due === null) withoutSla[closedIn] = (withoutSla[closedIn] ?? 0) + 1;
    else {
      closed[closedIn] = (closed[closedIn] ?? 0) + 1;
      if (dayOf(e.closed) <= e.due) onTime[closedIn] = (onTime[closedIn] ?? 0) + 1;
    }
    spans[closedIn]?.push(spanDays(e.opened, e.closed));
  }
  let openRun = 0;
  let pastDueRun = 0;
  return months.map((m, i) => {
    openRun += open[i] ?? 0;
    pastDueRun += pastDue[i] ?? 0;
    const c = closed[i] ?? 0;
    const t = onTime[i] ?? 0;
    return {
      key: m.key,
      open: openRun,
      compliance: {
        closed: c,
        onTime: t,
        share: c === 0 ? null : t / c,
        openPastDue: pastDueRun,
        closedWithoutSla: withoutSla[i] ?? 0,
      },
      timeToRemediate: durationSummary(spans[i] ?? []),
    };
  });
}
