import { type Activity, isTracked } from '../model/activity.ts';
import type { ActivityId } from '../model/ids.ts';
import { dayOf, type Instant } from '../model/time.ts';
import { devicesStillExposed } from '../rules/still-exposed.ts';
import { dueDateShown, type ShownDueDate } from '../sla/due.ts';
import type { SlaPolicy } from '../sla/policy.ts';

/** One archived snapshot's reading of an activity (M-BURN-1). */
export interface BurnDownPoint {
  readonly at: Instant;
  readonly targeted: number;
  /** Neither fixed nor out of scope (R-PROG-1). */
  readonly stillExposed: number;
  /** Taken after the due date (due that day is not yet late, R-DUE-1): where the chart marks it. */
  readonly pastDue: boolean;
}

export interface BurnDown {
  readonly points: readonly BurnDownPoint[];
  /**
   * The due date the activity shows as the latest snapshot has it: its own, or its priority's SLA
   * date when it has none (R-SLA-2), said which.
   */
  readonly due: ShownDueDate;
}

/** An activity's points so far, and its due date as the latest snapshot that held it has it. */
interface Series {
  points: Omit<BurnDownPoint, 'pastDue'>[];
  due: ShownDueDate;
}

/** The points taken after the due date are marked (due that day is not yet late, R-DUE-1). */
function withPastDue({ points, due }: Series): BurnDown {
  const { date } = due;
  return { due, points: points.map((p) => ({ ...p, pastDue: date !== null && dayOf(p.at) > date })) };
}

/**
 * M-BURN-1: each tracked activity's targeted and still-exposed devices at every archived snapshot
 * that holds it, oldest first. Read from the snapshots themselves (each a complete state), not
 * rebuilt from events: a vendor activity's counts change without events of ours. Attention-required
 * activities have no burn-down (R-ATTN-1). Fed one snapshot at a time, so only the small activities
 * table of each is held. `policy`: the SLA that dates an activity without a due date of its own.
 */
export class BurnDowns {
  private readonly series = new Map<ActivityId, Series>();

  constructor(private readonly policy: SlaPolicy) {}

  /** Add a snapshot, taken at `at`; snapshots must come oldest first. */
  add(at: Instant, activities: readonly Activity[]): void {
    for (const a of activities) {
      if (!isTracked(a)) continue;
      const s = this.series.get(a.id) ?? { points: [], due: { date: null, source: null } };
      const last = s.points.at(-1);
      if (last !== undefined && last.at >= at) throw new Error(`snapshot ${at} is not after ${last.at}`);
      s.points.push({ at, targeted: a.progress.targetDevices, stillExposed: devicesStillExposed(a) ?? 0 });
      s.due = dueDateShown(a, this.policy);
      this.series.set(a.id, s);
    }
  }

  /** Every tracked activity's burn-down, as plain data (a build hands it from one thread to another). */
  all(): ReadonlyMap<ActivityId, BurnDown> {
    return new Map([...this.series].map(([id, s]) => [id, withPastDue(s)]));
  }
}
