import { zeroCounts } from '../model/count.ts';
import { type CalendarDate, dayOf, daysBetween } from '../model/time.ts';
import type { Episode } from './episode.ts';

/** M-AGE-1: the age buckets of open exposures, in days since first seen. */
export const AGE_BUCKETS = ['0-7', '8-30', '31-60', '61-90', '91-180', '181+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
const AGE_UPPER: readonly number[] = [7, 30, 60, 90, 180];

/** M-AGE-2: open activities against their due dates. */
export const DUE_BUCKETS = [
  'no-due-date',
  'not-yet-due',
  'overdue-1-7',
  'overdue-8-30',
  'overdue-31+',
] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];

/** M-AGE-1: open episodes by age on `today`: whole days since the day they were opened. */
export function ageing(
  episodes: readonly Episode[],
  today: CalendarDate,
): Readonly<Record<AgeBucket, number>> {
  const counts = zeroCounts(AGE_BUCKETS);
  for (const e of episodes) {
    if (e.closed !== null && dayOf(e.closed) <= today) continue;
    if (dayOf(e.opened) > today) continue;
    const age = daysBetween(dayOf(e.opened), today);
    const i = AGE_UPPER.findIndex((upper) => age <= upper);
    counts[AGE_BUCKETS[i === -1 ? AGE_BUCKETS.length - 1 : i] ?? '181+']++;
  }
  return counts;
}

/** M-AGE-2: open episodes by how far past their due date they are on `today` (R-DUE-1: due today is not overdue). */
export function dueStanding(
  episodes: readonly Episode[],
  today: CalendarDate,
): Readonly<Record<DueBucket, number>> {
  const counts = zeroCounts(DUE_BUCKETS);
  for (const e of episodes) {
    if (e.closed !== null && dayOf(e.closed) <= today) continue;
    if (dayOf(e.opened) > today) continue;
    if (e.due === null) counts['no-due-date']++;
    else {
      const late = daysBetween(e.due, today);
      counts[
        late <= 0 ? 'not-yet-due' : late <= 7 ? 'overdue-1-7' : late <= 30 ? 'overdue-8-30' : 'overdue-31+'
      ]++;
    }
  }
  return counts;
}
