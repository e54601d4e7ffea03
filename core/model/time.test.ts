import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.ts';
import {
  addDays,
  calendarDate,
  dayOf,
  daysBetween,
  instant,
  instantMs,
  monthNumber,
  TimeError,
} from './time.ts';

const EARLIEST = Date.parse(LIMITS.earliestInstant);
const LATEST = Date.parse(LIMITS.latestInstant);
const iso = (ms: number) => new Date(ms).toISOString();
/** Written with a zone offset, as the vendor may: the same moment, another wall clock. */
function inZone(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('instant holds moments to [LIMITS.earliestInstant, LIMITS.latestInstant)', () => {
  it('accepts every moment in range, in any zone, as the same Instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: EARLIEST, max: LATEST - 1 }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (ms, offset) => {
          const year = new Date(ms + offset * 60_000).getUTCFullYear();
          fc.pre(year >= 1000 && year <= 9999);
          expect(instant(inZone(ms, offset))).toBe(iso(ms));
        },
      ),
    );
  });

  it('refuses every moment outside it, naming both bounds', () => {
    const outside = fc.oneof(
      fc.integer({ min: -62_135_596_800_000, max: EARLIEST - 1 }),
      fc.integer({ min: LATEST, max: 253_402_300_799_999 }),
    );
    fc.assert(
      fc.property(outside, fc.integer({ min: -(14 * 60), max: 14 * 60 }), (ms, offset) => {
        const text = inZone(ms, offset);
        fc.pre(/^\d{4}-/.test(text));
        expect(() => instant(text)).toThrow(TimeError);
        expect(() => instant(text)).toThrow(
          `${LIMITS.earliestInstant} up to, not including, ${LIMITS.latestInstant}`,
        );
      }),
    );
  });

  it.each([
    '9999-12-31T23:59:59+14:00',
    '9999-12-31T23:59:59-14:00',
    '0001-01-01',
    '0099-06-01 00:00:00',
    '+010000-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:30:00+01:00',
    LIMITS.latestInstant,
    '2199-12-31T23:00:00-01:00',
  ])('refuses %s', (raw) => {
    expect(() => instant(raw)).toThrow(TimeError);
  });

  it('accepts the first and the last moment', () => {
    expect(instant('1970-01-01T00:00:00Z')).toBe(LIMITS.earliestInstant);
    expect(instant('2199-12-31T23:59:59.9999999Z')).toBe('2199-12-31T23:59:59.999Z');
    expect(instant('2200-01-01T00:59:59.999+01:00')).toBe('2199-12-31T23:59:59.999Z');
  });

  it('refuses a zone offset no clock has', () => {
    expect(() => instant('2024-06-01T00:00:00+24:00')).toThrow(/real date and time/);
    expect(() => instant('2024-06-01T00:00:00-05:60')).toThrow(/real date and time/);
    expect(instant('2024-06-01T00:00:00+23:59')).toBe('2024-05-31T00:01:00.000Z');
  });
});

describe('calendarDate holds days to the same range', () => {
  it('accepts every day that begins in range, refuses the others', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (dayNumber) => {
        const day = iso(dayNumber * 86_400_000).slice(0, 10);
        fc.pre(/^\d{4}-/.test(day));
        const start = dayNumber * 86_400_000;
        if (start >= EARLIEST && start < LATEST) expect(calendarDate(day)).toBe(day);
        else expect(() => calendarDate(day)).toThrow(/outside the dates accepted/);
      }),
    );
  });

  it('refuses the due dates and expiry dates of hostile input', () => {
    for (const raw of ['0001-01-01', '9999-12-31', '2200-01-01', '1969-12-31', '9999-12-31T23:59:59+14:00'])
      expect(() => calendarDate(raw)).toThrow(TimeError);
    expect(calendarDate('2199-12-31')).toBe('2199-12-31');
    expect(calendarDate('1970-01-01')).toBe('1970-01-01');
    expect(() => calendarDate('2024-02-30')).toThrow(/real date/);
  });
});

describe('addDays', () => {
  it('is the calendar’s own day arithmetic, as Date computes it, across the accepted range', () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Math.ceil(EARLIEST / DAY), max: Math.floor(LATEST / DAY) - 1 }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (n, days) => {
          const day = calendarDate(iso(n * DAY).slice(0, 10));
          const expected = new Date((n + days) * DAY).toISOString().slice(0, 10);
          expect(addDays(day, days)).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('crosses month ends, leap days and years', () => {
    expect(addDays(calendarDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(calendarDate('2100-02-28'), 1)).toBe('2100-03-01');
    expect(addDays(calendarDate('2000-02-29'), 365)).toBe('2001-02-28');
    expect(addDays(calendarDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(calendarDate('1970-01-01'), -1)).toBe('1969-12-31');
  });
});

describe('instantMs, monthNumber and daysBetween read days and moments as Date does', () => {
  it('every moment in range: the milliseconds Date.parse gives, and its month', () => {
    fc.assert(
      fc.property(fc.integer({ min: EARLIEST, max: LATEST - 1 }), (ms) => {
        const t = instant(iso(ms));
        expect(instantMs(t)).toBe(Date.parse(t));
        const d = new Date(ms);
        expect(monthNumber(t)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
        expect(monthNumber(dayOf(t))).toBe(monthNumber(t));
        expect(daysBetween(calendarDate('1970-01-01'), dayOf(t))).toBe(Math.floor(ms / 86_400_000));
      }),
      { numRuns: 2000 },
    );
  });
});
