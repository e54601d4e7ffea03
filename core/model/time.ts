import { LIMITS } from '../limits.ts';
import type { Brand } from './brand.ts';

/** A moment, as ISO 8601 UTC with milliseconds: `2021-02-10T13:20:36.471Z`. Sorts as text. */
export type Instant = Brand<string, 'Instant'>;
/** A calendar day in UTC: `2021-02-11`. Due dates and expiry dates are days, not moments. */
export type CalendarDate = Brand<string, 'CalendarDate'>;

export class TimeError extends Error {
  override readonly name = 'TimeError';
}

const EARLIEST_MS = Date.parse(LIMITS.earliestInstant);
const LATEST_MS = Date.parse(LIMITS.latestInstant);
/** The first and the last year a moment in range can be written in, whatever its zone offset. */
const FIRST_YEAR = new Date(EARLIEST_MS).getUTCFullYear() - 1;
const LAST_YEAR = new Date(LATEST_MS).getUTCFullYear() + 1;

/**
 * Whether milliseconds since 1970 lie in [LIMITS.earliestInstant, LIMITS.latestInstant), where
 * every moment and day core keeps lies: an Instant outside it might not be
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` (years past 9999 are written `+010000-…`) nor sort as text, and
 * nothing real is dated there.
 */
export const withinLimits = (ms: number): boolean => ms >= EARLIEST_MS && ms < LATEST_MS;

function inRange(ms: number, raw: string, what: string): void {
  if (withinLimits(ms)) return;
  throw new TimeError(
    `"${raw.slice(0, 40)}" is outside the ${what}s accepted: from ${LIMITS.earliestInstant} up to, not including, ${LIMITS.latestInstant}`,
  );
}

/** Days in month `m` (1–12) of year `y` of the proleptic Gregorian calendar. */
export const daysInMonth = (y: number, m: number): number =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

// The vendor writes both `2021-01-05 17:04:30` (UTC, no zone) and ISO 8601 with 7 fractional digits.
const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parse any timestamp form the vendor uses into an Instant; time zone defaults to UTC. Refused:
 * what is not a real date and time (a zone offset too: at most ±23:59), and moments outside
 * [LIMITS.earliestInstant, LIMITS.latestInstant).
 */
export function instant(raw: string): Instant {
  const m = STAMP.exec(raw.trim());
  if (!m) throw new TimeError(`"${raw.slice(0, 40)}" is not a timestamp`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let offsetMin = 0;
  let zoneReal = true;
  if (zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    const [zh, zm] = [Number(z.slice(1, 3)), Number(z.slice(3, 5))];
    zoneReal = zh <= 23 && zm <= 59;
    offsetMin = (z.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    !zoneReal
  ) {
    throw new TimeError(`"${raw.slice(0, 40)}" is not a real date and time`);
  }
  // Checked before Date.UTC, which reads years 0–99 as 1900–1999.
  if (year < FIRST_YEAR || year > LAST_YEAR) inRange(Number.NaN, raw, 'time');
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  inRange(t, raw, 'time');
  return new Date(t).toISOString() as Instant;
}

export const instantFromDate = (d: Date): Instant => d.toISOString() as Instant;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * A real calendar day `YYYY-MM-DD`; a full timestamp is accepted and cut to its UTC day. The day
 * must begin within [LIMITS.earliestInstant, LIMITS.latestInstant), as every moment does.
 */
export function calendarDate(raw: string): CalendarDate {
  const s = raw.trim();
  const m = DAY.exec(s);
  if (!m) return dayOf(instant(s));
  const [year, month, day] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new TimeError(`"${s}" is not a real date`);
  }
  inRange(year < FIRST_YEAR || year > LAST_YEAR ? Number.NaN : Date.UTC(year, month - 1, day), s, 'date');
  return s as CalendarDate;
}

/** The UTC day of a moment: "today" for the rules. */
export const dayOf = (t: Instant): CalendarDate => t.slice(0, 10) as CalendarDate;

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The number written at `at`, `length` decimal digits long (a field of an Instant or a
 * CalendarDate), or -1 when one of them is no digit.
 */
export function digitsAt(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A day as days since 1970-01-01, read from its text (`YYYY-MM-DD`, or a moment's first ten characters). */
const dayNumber = (day: CalendarDate | Instant): number =>
  daysFromCivil(digitsAt(day, 0, 4), digitsAt(day, 5, 2), digitsAt(day, 8, 2));

/**
 * An Instant as milliseconds since 1970, read from its one form (`YYYY-MM-DDTHH:MM:SS.sssZ`, as
 * `instant` writes it) field by field: the same number as Date.parse, a few times faster, which
 * counts where the metrics measure hundreds of thousands of episodes.
 */
export function instantMs(t: Instant): number {
  const days = dayNumber(t);
  const seconds = digitsAt(t, 11, 2) * 3600 + digitsAt(t, 14, 2) * 60 + digitsAt(t, 17, 2);
  return (days * 86_400 + seconds) * 1000 + digitsAt(t, 20, 3);
}

/**
 * A month of a day or a moment as one number (months since the year 0), read from its text: months
 * a number apart are a month apart.
 */
export const monthNumber = (t: Instant | CalendarDate): number =>
  digitsAt(t, 0, 4) * 12 + digitsAt(t, 5, 2) - 1;

/** The day `n` days from 1970-01-01, as `YYYY-MM-DD` (civil_from_days, the inverse of the above). */
function civilFromDays(n: number): CalendarDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}` as CalendarDate;
}

/**
 * The day `days` after `day` (before, when negative). By arithmetic rather than through a Date:
 * the metrics give every one of a few hundred thousand exposures its due date.
 */
export const addDays = (day: CalendarDate, days: number): CalendarDate =>
  civilFromDays(dayNumber(day) + days);

/** The first moment of a day: instants of that day and later compare as not less than it, as text. */
export const startOfDay = (day: CalendarDate): Instant => `${day}T00:00:00.000Z` as Instant;

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number => dayNumber(b) - dayNumber(a);

export function addDaysToInstant(t: Instant, days: number): Instant {
  return new Date(Date.parse(t) + days * 86_400_000).toISOString() as Instant;
}
