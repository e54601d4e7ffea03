/** How failures are retried: bounded tries, exponential backoff with jitter, Retry-After obeyed within a bound. */
export interface RetryPolicy {
  /** Tries in all for one request that fails with a 5xx, a reset or a timeout (first try included). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** 429 answers accepted for one request before giving up. */
  readonly throttles: number;
  /** The longest Retry-After obeyed; a longer one ends the pull (exit 5) rather than stall it. */
  readonly maxRetryAfterMs: number;
  /** Socket inactivity limit of one API request. */
  readonly timeoutMs: number;
  /** Socket inactivity limit of one download. */
  readonly downloadTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  throttles: 8,
  maxRetryAfterMs: 15 * 60_000,
  timeoutMs: 100_000,
  downloadTimeoutMs: 120_000,
};

/** The wait after the n-th failed try (1-based): base·2^(n-1), capped, then "equal jitter" (half fixed, half random). */
export function backoffDelay(failedTry: number, policy: RetryPolicy, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedTry - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export const isServerError = (status: number): boolean => status >= 500 || status === 408;
