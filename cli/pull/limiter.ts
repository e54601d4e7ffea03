/**
 * Client-side rate limits per endpoint family, so a pull stays within the vendor's documented
 * limits instead of learning them from 429s: sliding windows of the calls made, and a pause that a
 * 429's Retry-After sets for the whole family.
 */

/** The groups of endpoints that share a documented rate limit. */
export type Family =
  | 'recommendations'
  | 'remediation'
  | 'machines'
  | 'exportJson'
  | 'exportDelta'
  | 'exportFiles'
  | 'storage'
  | 'signIn';

export interface Limit {
  readonly calls: number;
  readonly perMs: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The vendor's documented limits: the via-files export 5 a minute and 20 an hour; the JSON exports
 * (full and delta) 30 a minute and 1,000 an hour; machines 100 a minute and 1,500 an hour. The
 * recommendations and remediation endpoints document none of their own: the API's general 100 a
 * minute and 1,500 an hour is kept (PD). Storage downloads and sign-in have no client-side limit.
 */
export const DOCUMENTED_LIMITS: Readonly<Record<Family, readonly Limit[]>> = {
  exportFiles: [
    { calls: 5, perMs: MINUTE },
    { calls: 20, perMs: HOUR },
  ],
  exportJson: [
    { calls: 30, perMs: MINUTE },
    { calls: 1000, perMs: HOUR },
  ],
  exportDelta: [
    { calls: 30, perMs: MINUTE },
    { calls: 1000, perMs: HOUR },
  ],
  machines: [
    { calls: 100, perMs: MINUTE },
    { calls: 1500, perMs: HOUR },
  ],
  recommendations: [
    { calls: 100, perMs: MINUTE },
    { calls: 1500, perMs: HOUR },
  ],
  remediation: [
    { calls: 100, perMs: MINUTE },
    { calls: 1500, perMs: HOUR },
  ],
  storage: [],
  signIn: [],
};

export interface Clock {
  /** Milliseconds, monotonic enough for waiting. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms))),
};

export class RateLimiter {
  private readonly calls = new Map<Family, number[]>();
  private readonly pausedUntil = new Map<Family, number>();
  private readonly limits: Readonly<Partial<Record<Family, readonly Limit[]>>>;
  private readonly clock: Clock;

  constructor(limits: Readonly<Partial<Record<Family, readonly Limit[]>>>, clock: Clock = systemClock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** How long the next call of `family` must wait now (0 when it may go). */
  delay(family: Family): number {
    const now = this.clock.now();
    let wait = Math.max(0, (this.pausedUntil.get(family) ?? 0) - now);
    const log = this.calls.get(family) ?? [];
    for (const { calls, perMs } of this.limits[family] ?? []) {
      const inWindow = log.filter((t) => t > now - perMs);
      if (inWindow.length >= calls) {
        const oldest = inWindow[inWindow.length - calls] ?? now;
        wait = Math.max(wait, oldest + perMs - now);
      }
    }
    return wait;
  }

  /** Waits until `family` may make a call, then counts it. `onWait` hears of every wait. */
  async acquire(family: Family, onWait?: (ms: number) => void): Promise<void> {
    for (;;) {
      const wait = this.delay(family);
      if (wait <= 0) break;
      onWait?.(wait);
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    const longest = Math.max(0, ...(this.limits[family] ?? []).map((l) => l.perMs));
    const log = (this.calls.get(family) ?? []).filter((t) => t > now - longest);
    log.push(now);
    this.calls.set(family, log);
  }

  /** A 429's Retry-After: no call of the family before `ms` from now. */
  pause(family: Family, ms: number): void {
    const until = this.clock.now() + ms;
    this.pausedUntil.set(family, Math.max(until, this.pausedUntil.get(family) ?? 0));
  }
}
