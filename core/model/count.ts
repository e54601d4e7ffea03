import { LIMITS } from '../limits.ts';

/**
 * A count core keeps (devices, vulnerabilities, days): a whole number from 0 to LIMITS.maxCount,
 * so it is exact as a double and written as plain digits. -0 is refused with the rest: it would be
 * written as 0 and read back as another value.
 */
export const isCount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= LIMITS.maxCount && !Object.is(n, -0);

/** What a count must be, for messages. */
export const COUNT_RANGE = `a whole number from 0 to ${LIMITS.maxCount}`;

/** A number as a message shows it: -0 as itself (String gives "0"). */
export const shownNumber = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

/** A count of 0 for each value of a list, in the list's order (which is the order figures are written in). */
export const zeroCounts = <const K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Two tallies of the same keys, added key by key. */
export const addCounts = <K extends string>(
  a: Readonly<Record<K, number>>,
  b: Readonly<Record<K, number>>,
): Record<K, number> =>
  Object.fromEntries(Object.entries<number>(a).map(([k, n]) => [k, n + (b[k as K] ?? 0)])) as Record<
    K,
    number
  >;
