import type { Brand } from './brand.ts';

/** A moment, as ISO 8601 UTC with milliseconds: `2021-02-10T13:20:36.471Z`. Sorts as text. */
export type Instant = Brand<string, 'Instant'>;
/** A calendar day in UTC: `2021-02-11`. Due dates and expiry dates are days, not moments. */
export type CalendarDate = Brand<string, 'CalendarDate'>;

export class TimeError extends Error {
  override readonly name = 'TimeError';
}

// The vendor writes both `2021-01-05 17:04:30` (UTC, no zone) and ISO 8601 with 7 fractional digits.
const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parse any timestamp form the vendor uses into an Instant; time zone defaults to UTC. */
export function instant(raw: string): Instant {
  const m = STAMP.exec(raw.trim());
  if (!m) throw new TimeError(`"${raw.slice(0, 40)}" is not a timestamp`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    offsetMin = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    throw new TimeError(`"${raw.slice(0, 40)}" is not a real date and time`);
  }
  return new Date(t - offsetMin * 60_000).toISOString() as Instant;
}

export const instantFromDate = (d: Date): Instant => d.toISOString() as Instant;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day `YYYY-MM-DD`; a full timestamp is accepted and cut to its UTC day. */
export function calendarDate(raw: string): CalendarDate {
  const s = raw.trim();
  if (DAY.test(s)) {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      throw new TimeError(`"${s}" is not a real date`);
    }
    return s as CalendarDate;
  }
  return instant(s).slice(0, 10) as CalendarDate;
}

/** The UTC day of a moment: "today" for the rules. */
export const dayOf = (t: Instant): CalendarDate => t.slice(0, 10) as CalendarDate;

export function addDays(day: CalendarDate, days: number): CalendarDate {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) as CalendarDate;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDaysToInstant(t: Instant, days: number): Instant {
  return new Date(Date.parse(t) + days * 86_400_000).toISOString() as Instant;
}
