import { ACTIVITY_STATUSES, ACTIVITY_TYPES, PRIORITIES } from '../model/activity.ts';
import { EXCEPTION_STATUSES, JUSTIFICATIONS } from '../model/exception.ts';
import { type FieldError, fail, ok, type Result } from '../model/result.ts';
import { type Instant, instant } from '../model/time.ts';
import type { Figures, GroupFigures } from '../rules/summarize.ts';
import { shownValue } from './shown-value.ts';

/**
 * Reads a value into a T, or adds to `errors` (each naming its field, `figures.activities.total`)
 * and gives undefined. Errors are gathered, not thrown, so one line's every problem is said at once.
 */
type Parse<T> = (value: unknown, field: string, errors: FieldError[]) => T | undefined;

/**
 * A sum of counts: activities, devices across activities. Not held to LIMITS.maxCount, which
 * bounds one count; a sum over many activities may pass it and is still exact below 2^53.
 */
const count: Parse<number> = (v, field, errors) => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && !Object.is(v, -0)) return v;
  errors.push({ field, message: `expected a whole number from 0, got ${shownValue(v)}` });
  return undefined;
};

const text: Parse<string> = (v, field, errors) => {
  if (typeof v === 'string') return v;
  errors.push({ field, message: `expected a string, got ${shownValue(v)}` });
  return undefined;
};

/** A moment as summarize writes it: only the canonical form, which sorts as text. */
const time: Parse<Instant> = (v, field, errors) => {
  try {
    if (typeof v === 'string' && instant(v) === v) return v as Instant;
  } catch {
    // Not a time at all: said below like any other value.
  }
  errors.push({ field, message: `expected an ISO 8601 UTC time (…T08:00:00.000Z), got ${shownValue(v)}` });
  return undefined;
};

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object with exactly these fields. Unknown fields are refused as a snapshot's unknown column
 * is: a misspelt figure would otherwise be dropped without a word.
 */
type Fields<T> = { readonly [K in keyof T]-?: Parse<T[K]> };

const record =
  <T extends object>(fields: Fields<T>): Parse<T> =>
  (v, field, errors) => {
    if (!isObject(v)) {
      errors.push({ field, message: `expected an object, got ${shownValue(v)}` });
      return undefined;
    }
    const before = errors.length;
    const out: Record<string, unknown> = {};
    for (const [key, parse] of Object.entries<Parse<unknown>>(fields))
      out[key] = parse(v[key], `${field}.${key}`, errors);
    for (const key of Object.keys(v))
      if (!Object.hasOwn(fields, key)) errors.push({ field: `${field}.${key}`, message: 'not a figure' });
    // Every field of T was read by its own parser above, so `out` is a T when none failed.
    return errors.length === before ? (out as T) : undefined;
  };

const list =
  <T>(item: Parse<T>): Parse<readonly T[]> =>
  (v, field, errors) => {
    if (!Array.isArray(v)) {
      errors.push({ field, message: `expected an array, got ${shownValue(v)}` });
      return undefined;
    }
    const before = errors.length;
    const out = v.map((x, i) => item(x, `${field}[${i}]`, errors));
    return errors.length === before ? (out as T[]) : undefined;
  };

/** A count for each of `keys`, and nothing else. */
const countsOf = <K extends string>(keys: readonly K[]): Parse<Record<K, number>> =>
  record<Record<K, number>>(Object.fromEntries(keys.map((k) => [k, count])) as Fields<Record<K, number>>);

// The activity model has these as types only; the parser's type checks that none is missing.

const figures: Parse<Figures> = record<Figures>({
  at: time,
  activities: record<Figures['activities']>({
    total: count,
    byStatus: countsOf(ACTIVITY_STATUSES),
    byPriority: countsOf(PRIORITIES),
    byType: countsOf(ACTIVITY_TYPES),
    byGroup: list(record<GroupFigures>({ group: text, active: count, completed: count, overdue: count })),
    overdue: count,
    devicesTargeted: count,
    devicesFixed: count,
  }),
  exceptions: record<Figures['exceptions']>({
    total: count,
    byStatus: countsOf(EXCEPTION_STATUSES),
    inEffectByJustification: countsOf(JUSTIFICATIONS),
  }),
});

/**
 * The figures of one history line, every field checked against what `summarize` writes: the
 * report draws its trends from them, and a cast would let a damaged line draw nonsense. Errors
 * name the field from `field` down (`figures.exceptions.byStatus.InEffect`).
 */
export function parseFigures(value: unknown, field: string): Result<Figures> {
  const errors: FieldError[] = [];
  const parsed = figures(value, field, errors);
  return parsed === undefined ? fail(...errors) : ok(parsed);
}
