import { type Instant, instantMs } from '../model/time.ts';

const DAY_MS = 86_400_000;

/** Mean, median and 90th percentile of the days it took, over `count` closed episodes (M-TTR-1). */
export interface DurationSummary {
  readonly count: number;
  /** Days, to one decimal; null when nothing was closed. */
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
}

const oneDecimal = (days: number): number => Math.round(days * 10) / 10;

/** The days from `opened` to `closed`, hours counting. */
export const spanDays = (opened: Instant, closed: Instant): number =>
  (instantMs(closed) - instantMs(opened)) / DAY_MS;

/**
 * M-TTR-1: time to remediate over the days each closed episode took (spanDays). The median of an
 * even count is the mean of the two middle values; the 90th percentile is the nearest rank (the
 * smallest value that at least 90% of values do not exceed), so it is always a time that happened.
 */
export function durationSummary(spans: readonly number[]): DurationSummary {
  // A typed array sorts numbers without a comparator call per comparison: a month of a large
  // archive is tens of thousands of spans.
  const days = Float64Array.from(spans).sort();
  const n = days.length;
  if (n === 0) return { count: 0, meanDays: null, medianDays: null, p90Days: null };
  const at = (i: number): number => days[i] ?? 0;
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return {
    count: n,
    meanDays: oneDecimal(days.reduce((a, b) => a + b, 0) / n),
    medianDays: oneDecimal(median),
    p90Days: oneDecimal(at(Math.ceil(0.9 * n) - 1)),
  };
}
