import { addDays, type CalendarDate, dayOf, startOfDay } from '../model/time.ts';
import type { Episode } from './episode.ts';

/** M-SLA-1: how a period went against the SLA. */
export interface Compliance {
  /** Closed in the period with a due date. */
  readonly closed: number;
  /** Of those, closed on or before their due date. */
  readonly onTime: number;
  /** onTime ÷ closed; null when nothing with a due date was closed (not 100%, not 0%). */
  readonly share: number | null;
  /** Open at the end of the period and past their due date: breaches still standing. */
  readonly openPastDue: number;
  /** Closed in the period without a due date: outside the SLA, counted apart. */
  readonly closedWithoutSla: number;
}

/**
 * M-SLA-1: of the episodes closed in the period [from, to] (days, inclusive), the share closed by
 * their due date. Open episodes past due at the end of the period are counted apart: a breach stays
 * counted until it is fixed, and fixing it late then counts it once as late.
 */
export function slaCompliance(
  episodes: readonly Episode[],
  from: CalendarDate,
  to: CalendarDate,
): Compliance {
  let closed = 0;
  let onTime = 0;
  let openPastDue = 0;
  let closedWithoutSla = 0;
  // Instants compared with the first moments of days (instants of one form compare as text), so the
  // pass over every episode, once a month for the trend, slices out no day.
  const after = startOfDay(addDays(to, 1));
  const start = startOfDay(from);
  for (const e of episodes) {
    if (e.opened >= after) continue;
    if (e.closed === null || e.closed >= after) {
      if (e.due !== null && e.due < to) openPastDue++;
      continue;
    }
    if (e.closed < start) continue;
    if (e.due === null) closedWithoutSla++;
    else {
      closed++;
      if (dayOf(e.closed) <= e.due) onTime++;
    }
  }
  return { closed, onTime, share: shareOf(onTime, closed), openPastDue, closedWithoutSla };
}

/** onTime ÷ closed, or null when nothing was closed. */
const shareOf = (onTime: number, closed: number): number | null => (closed === 0 ? null : onTime / closed);

/** The compliance of two sets of episodes over one period, from each one's: counts add. */
export function addCompliance(a: Compliance, b: Compliance): Compliance {
  const closed = a.closed + b.closed;
  const onTime = a.onTime + b.onTime;
  return {
    closed,
    onTime,
    share: shareOf(onTime, closed),
    openPastDue: a.openPastDue + b.openPastDue,
    closedWithoutSla: a.closedWithoutSla + b.closedWithoutSla,
  };
}
