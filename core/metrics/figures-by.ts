import { addDays, type CalendarDate, dayOf, daysInMonth, startOfDay } from '../model/time.ts';
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
  const index = new Map(months.map((m, i) => [m.key as string, i]));
  /** The month a day falls in: -1 before the first, n after the last. */
  const monthOf = (day: CalendarDate): number =>
    day < (months[0]?.start ?? day) ? -1 : day > to ? n : (index.get(day.slice(0, 7)) ?? n);
  /** The first month whose end is after `day`. */
  const firstEndingAfter = (day: CalendarDate): number => {
    const m = monthOf(day);
    if (m < 0) return 0;
    return m < n && (months[m]?.end ?? day) > day ? m : m + 1;
  };
  // Open (and open past due) at the ends of runs of months: counted as differences, summed after.
  const open = new Array<number>(n + 1).fill(0);
  const pastDue = new Array<number>(n + 1).fill(0);
  const closed = new Array<number>(n).fill(0);
  const onTime = new Array<number>(n).fill(0);
  const withoutSla = new Array<number>(n).fill(0);
  const spans: { opened: Episode['opened']; closed: NonNullable<Episode['closed']> }[][] = months.map(
    () => [],
  );
  for (const e of episodes) {
    const openedOn = dayOf(e.opened);
    if (openedOn > to) continue;
    const first = Math.max(0, monthOf(openedOn));
    const closedOn = e.closed === null ? null : dayOf(e.closed);
    const closedIn = closedOn === null ? n : monthOf(closedOn);
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
    if (closedIn >= n || e.closed === null || closedOn === null) continue;
    if (e.due === null) withoutSla[closedIn] = (withoutSla[closedIn] ?? 0) + 1;
    else {
      closed[closedIn] = (closed[closedIn] ?? 0) + 1;
      if (closedOn <= e.due) onTime[closedIn] = (onTime[closedIn] ?? 0) + 1;
    }
    spans[closedIn]?.push({ opened: e.opened, closed: e.closed });
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
