import { LIMITS } from '../../limits.ts';
import { COUNT_RANGE, isCount } from '../../model/count.ts';
import { type Email, email } from '../../model/ids.ts';
import { calendarDate, daysInMonth, digitsAt, type Instant } from '../../model/time.ts';
import { CellProblem } from '../csv/read.ts';

/**
 * Cell encoders and parsers shared by the snapshot tables. Every parser either returns a checked
 * value or throws a CellProblem naming the column; nothing is cast from text unchecked.
 */

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Run a parser on a cell; any failure becomes a CellProblem for that column. */
export function parseCell<T>(field: string, raw: string, parse: (raw: string) => T): T {
  try {
    return parse(raw);
  } catch (e) {
    if (e instanceof CellProblem) throw e;
    throw new CellProblem(field, reason(e));
  }
}

/** An empty cell is null; anything else must parse. */
export const parseOptional = <T>(field: string, raw: string, parse: (raw: string) => T): T | null =>
  raw === '' ? null : parseCell(field, raw, parse);

export function requireEmpty(field: string, raw: string, why: string): void {
  if (raw !== '') throw new CellProblem(field, why);
}

export const optionalText = (v: string | null): string => v ?? '';

const COUNT_CELL = /^(?:0|[1-9][0-9]{0,15})$/;

/** A count cell: plain digits (what encoding writes), a count (see `isCount`). */
export function integer(raw: string): number {
  const n = COUNT_CELL.test(raw) ? Number(raw) : Number.NaN;
  if (isCount(n)) return n;
  throw new Error(`"${raw.slice(0, 40)}" is not ${COUNT_RANGE}`);
}

/** A finite number; -0 is 0, as the vendor reader reads it. */
export function decimal(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new Error(`"${raw.slice(0, 40)}" is not a number`);
  return n === 0 ? 0 : n;
}

export function boolean(raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`"${raw}" is not true or false`);
}

/** One of fixed values; returns the constant itself, never the cell (which may pin the file's text). */
export const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string): T => {
    const i = (values as readonly string[]).indexOf(raw);
    if (i !== -1) return values[i] as T;
    throw new Error(`"${raw.slice(0, 40)}" is not one of ${values.join(', ')}`);
  };

/**
 * A snapshot time is exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` (what Instant always holds), within
 * [LIMITS.earliestInstant, LIMITS.latestInstant) as every Instant is. Checked by hand rather than
 * through `instant()`'s general regex and Date round trip: a million-row exposures file has two
 * times a row, and this is the decoder's hot path. Times of this one form compare as text.
 */
export function snapshotInstant(raw: string): Instant {
  if (
    raw.length === 24 &&
    raw.charCodeAt(4) === 45 &&
    raw.charCodeAt(7) === 45 &&
    raw.charCodeAt(10) === 84 &&
    raw.charCodeAt(13) === 58 &&
    raw.charCodeAt(16) === 58 &&
    raw.charCodeAt(19) === 46 &&
    raw.charCodeAt(23) === 90
  ) {
    const y = digitsAt(raw, 0, 4);
    const mo = digitsAt(raw, 5, 2);
    const d = digitsAt(raw, 8, 2);
    const h = digitsAt(raw, 11, 2);
    const mi = digitsAt(raw, 14, 2);
    const s = digitsAt(raw, 17, 2);
    const ms = digitsAt(raw, 20, 3);
    const real =
      y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h < 24 && mi >= 0;
    if (real && mi < 60 && s >= 0 && s < 60 && ms >= 0) {
      if (raw >= LIMITS.earliestInstant && raw < LIMITS.latestInstant) return raw as Instant;
      throw new Error(
        `"${raw}" is outside the times accepted: from ${LIMITS.earliestInstant} up to, not including, ${LIMITS.latestInstant}`,
      );
    }
  }
  throw new Error(`"${raw.slice(0, 40)}" is not an ISO 8601 UTC time like 2021-02-10T13:20:36.471Z`);
}

/** A calendar day, refused unless already in the canonical `YYYY-MM-DD` form. */
export function snapshotDate(raw: string) {
  if (raw.length !== 10) throw new Error(`"${raw.slice(0, 40)}" is not a date like 2021-02-11`);
  return calendarDate(raw);
}

/** Lists are JSON arrays of strings: unambiguous whatever the strings hold. */
export const encodeList = (values: readonly string[]): string => JSON.stringify(values);

export function listOf<T>(parse: (raw: string) => T) {
  return (raw: string): T[] => {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new Error('is not a JSON array of strings');
    }
    return value.map(parse);
  };
}

export const text = (raw: string): string => raw;

/** Who made a change: `system` or a user's email. */
export const actor = (raw: string): Email | 'system' => (raw === 'system' ? 'system' : email(raw));

/** Read a JSON object cell, refusing keys the caller does not expect. */
export function jsonObject(raw: string, keys: readonly string[]): Record<string, unknown> {
  return objectWith(JSON.parse(raw), keys);
}

/** A parsed JSON value that must be an object with no key but `keys`. */
export function objectWith(value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('is not a JSON object');
  for (const k in value) {
    if (!keys.includes(k)) throw new Error(`has unknown key "${k}"`);
  }
  return value as Record<string, unknown>;
}

export function stringIn(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`${key} is not a string`);
  return v;
}

export function countIn(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (isCount(v)) return v;
  throw new Error(`${key} is not ${COUNT_RANGE}`);
}
