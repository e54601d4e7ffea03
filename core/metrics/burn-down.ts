import { type Activity, isTracked } from '../model/activity.ts';
import type { ActivityId } from '../model/ids.ts';
import type { CalendarDate, Instant } from '../model/time.ts';
import { dueDateOf } from '../rules/overdue.ts';
import { devicesStillExposed } from '../rules/still-exposed.ts';

/** One archived snapshot's reading of an activity (M-BURN-1). */
export interface BurnDownPoint {
  readonly at: Instant;
  readonly targeted: number;
  /** Neither fixed nor out of scope (R-PROG-1). */
  readonly stillExposed: number;
}

export interface BurnDown {
  readonly points: readonly BurnDownPoint[];
  /** The activity's due date as the latest snapshot has it; null for none. */
  readonly due: CalendarDate | null;
}

/**
 * M-BURN-1: each tracked activity's targeted and still-exposed devices at every archived snapshot
 * that holds it, oldest first. Read from the snapshots themselves (each a complete state), not
 * rebuilt from events: a vendor activity's counts change without events of ours. Attention-required
 * activities have no burn-down (R-ATTN-1). Fed one snapshot at a time, so only the small activities
 * table of each is held.
 */
export class BurnDowns {
  private readonly series = new Map<ActivityId, { points: BurnDownPoint[]; due: CalendarDate | null }>();

  /** Add a snapshot, taken at `at`; snapshots must come oldest first. */
  add(at: Instant, activities: readonly Activity[]): void {
    for (const a of activities) {
      if (!isTracked(a)) continue;
      const s = this.series.get(a.id) ?? { points: [], due: null };
      const last = s.points.at(-1);
      if (last !== undefined && last.at >= at) throw new Error(`snapshot ${at} is not after ${last.at}`);
      s.points.push({ at, targeted: a.progress.targetDevices, stillExposed: devicesStillExposed(a) ?? 0 });
      s.due = dueDateOf(a);
      this.series.set(a.id, s);
    }
  }

  of(id: ActivityId): BurnDown | null {
    return this.series.get(id) ?? null;
  }
}
