import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type Activity,
  type ActivityType,
  isTracked,
  PRIORITIES,
  type Priority,
} from '../model/activity.ts';
import { compareText } from '../model/canonical-order.ts';
import { zeroCounts } from '../model/count.ts';
import {
  EXCEPTION_STATUSES,
  type ExceptionStatus,
  JUSTIFICATIONS,
  type Justification,
} from '../model/exception.ts';
import type { DeviceId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { exceptionStatuses } from './exception-status.ts';
import { isOverdue } from './overdue.ts';

/** The key under which activities for all device groups (empty `rbacGroupNames`) are counted. */
export const ALL_GROUPS_KEY = '*';

export interface GroupFigures {
  readonly group: string;
  readonly active: number;
  readonly completed: number;
  readonly overdue: number;
}

/**
 * The headline numbers of a state at a moment: one line of the archive's history.jsonl and the
 * site's overview. Plain JSON with a fixed key order (groups as a sorted array, since an object
 * would put number-like group names first), so equal states give equal text.
 */
export interface Figures {
  readonly at: Instant;
  readonly activities: {
    readonly total: number;
    readonly byStatus: { readonly Active: number; readonly Completed: number };
    readonly byPriority: Readonly<Record<Priority, number>>;
    readonly byType: Readonly<Record<ActivityType, number>>;
    readonly byGroup: readonly GroupFigures[];
    /** R-DUE-1. */
    readonly overdue: number;
    /**
     * Sums over tracked activities (attention required has no progress, R-ATTN-1), vendor counts-only
     * records included: device fixes across activities, a device fixed for two activities counted
     * twice. `distinctDevicesFixed` counts devices.
     */
    readonly devicesTargeted: number;
    readonly devicesFixed: number;
  };
  readonly exceptions: {
    readonly total: number;
    readonly byStatus: Readonly<Record<ExceptionStatus, number>>;
    readonly inEffectByJustification: Readonly<Record<Justification, number>>;
  };
}

/** Figures of `state` at `now`, in one pass over activities and one over exceptions. */
export function summarize(state: State, now: Instant): Figures {
  const byStatus = zeroCounts(ACTIVITY_STATUSES);
  const byPriority = zeroCounts(PRIORITIES);
  const byType = zeroCounts(ACTIVITY_TYPES);
  const groups = new Map<string, { active: number; completed: number; overdue: number }>();
  let overdue = 0;
  let devicesTargeted = 0;
  let devicesFixed = 0;
  for (const a of state.activities) {
    byStatus[a.status]++;
    byPriority[a.priority]++;
    byType[a.type]++;
    const late = isOverdue(a, now);
    if (late) overdue++;
    if (isTracked(a)) {
      devicesTargeted += a.progress.targetDevices;
      devicesFixed += a.progress.fixedDevices;
    }
    const keys = a.rbacGroupNames.length === 0 ? [ALL_GROUPS_KEY] : new Set<string>(a.rbacGroupNames);
    for (const key of keys) {
      let g = groups.get(key);
      if (!g) {
        g = { active: 0, completed: 0, overdue: 0 };
        groups.set(key, g);
      }
      if (a.status === 'Active') g.active++;
      else g.completed++;
      if (late) g.overdue++;
    }
  }

  const statuses = exceptionStatuses(state.exceptions, now);
  const excByStatus = zeroCounts(EXCEPTION_STATUSES);
  const inEffectByJustification = zeroCounts(JUSTIFICATIONS);
  for (const e of state.exceptions) {
    const status = statuses.get(e.id) ?? 'InEffect';
    excByStatus[status]++;
    if (status === 'InEffect') inEffectByJustification[e.justification]++;
  }

  return {
    at: now,
    activities: {
      total: state.activities.length,
      byStatus,
      byPriority,
      byType,
      byGroup: [...groups]
        .sort(([a], [b]) => compareText(a, b))
        .map(([group, g]) => ({ group, active: g.active, completed: g.completed, overdue: g.overdue })),
      overdue,
      devicesTargeted,
      devicesFixed,
    },
    exceptions: { total: state.exceptions.length, byStatus: excByStatus, inEffectByJustification },
  };
}

/**
 * R-PROG-1: devices fixed, each counted once: the distinct devices of the activity device rows in
 * state `fixed`, whatever the number of activities that fixed them. Activities the vendor gives as
 * counts only have no device rows, so their fixes are not here (they are in
 * `Figures.activities.devicesFixed`, which adds up fixes over activities).
 */
export function distinctDevicesFixed(state: Pick<State, 'activityDevices'>): number {
  const fixed = new Set<DeviceId>();
  for (const d of state.activityDevices) if (d.state === 'fixed') fixed.add(d.deviceId);
  return fixed.size;
}

/**
 * Activities completed in the period (from, to]: after `from` (the previous snapshot's time, whose
 * completions that snapshot already shows) and at or before `to` (this snapshot's time, whose own
 * completions it shows). The one definition of "completed since the previous snapshot": the site's
 * figure, its `index.json` and `diffStates`' completed list are all this list.
 */
export function completedBetween(
  state: Pick<State, 'activities'>,
  from: Instant,
  to: Instant,
): readonly (Activity & { readonly status: 'Completed' })[] {
  return state.activities.filter(
    (a): a is Activity & { readonly status: 'Completed' } =>
      a.status === 'Completed' && a.completion.completedOn > from && a.completion.completedOn <= to,
  );
}
