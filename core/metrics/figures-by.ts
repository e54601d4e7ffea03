import { type CalendarDate, dayOf } from '../model/time.ts';
import type { Episode } from './episode.ts';
import { type Compliance, slaCompliance } from './sla-compliance.ts';
import { type DurationSummary, durationSummary } from './time-to-remediate.ts';

/** One row of a table managers sort: a priority, a severity, a device group or a month. */
export interface KeyFigures<K extends string> {
  readonly key: K;
  /** Open at the period's end. */
  readonly open: number;
  readonly compliance: Compliance;
  /** Of the episodes closed in the period. */
  readonly timeToRemediate: DurationSummary;
}

/**
 * M-SLA-1 and M-TTR-1 for each key, over the period [from, to] (days, inclusive): the rows of the
 * per-group, per-priority and per-severity tables. Rows come sorted by key so that tables and CSVs
 * are the same whatever order the episodes came in.
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
    .map(([key, list]) => ({
      key,
      open: list.filter((e) => dayOf(e.opened) <= to && (e.closed === null || dayOf(e.closed) > to)).length,
      compliance: slaCompliance(list, from, to),
      timeToRemediate: durationSummary(
        list.flatMap((e) => {
          if (e.closed === null) return [];
          const closedOn = dayOf(e.closed);
          return closedOn >= from && closedOn <= to ? [{ opened: e.opened, closed: e.closed }] : [];
        }),
      ),
    }));
}
