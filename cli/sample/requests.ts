import {
  type ActivityType,
  addDays,
  applyChanges,
  type DeviceGroupName,
  dayOf,
  exposedGroupsOf,
  type Priority,
  recommendationId,
  requestRemediation,
  type State,
} from '../../core/index.ts';
import { REQUESTERS, type RecommendationKey } from './catalogue.ts';
import type { Rng } from './prng.ts';
import type { Week } from './week.ts';

/** A remediation request as a requester would fill in the form. */
export interface RequestPlan {
  readonly recommendation: RecommendationKey;
  readonly type: ActivityType;
  /** Every exposed group, or one or two of them drawn when the request is made. */
  readonly groups: 'all' | 'some';
  readonly priority: Priority;
  readonly dueInDays: number | null;
  readonly createIntuneTask: boolean;
  readonly notes: string;
}

/** Requests remediation through core's rule; nothing happens when no group is exposed. */
export function submitRequest(state: State, week: Week, plan: RequestPlan): State {
  const { rng, now, ids } = week;
  const id = recommendationId(plan.recommendation);
  const exposedGroups = exposedGroupsOf(state, id);
  if (exposedGroups.length === 0) return state;
  const groups = plan.groups === 'all' ? 'all' : oneOrTwoOf(exposedGroups, rng);
  const r = requestRemediation(
    {
      recommendationId: id,
      type: plan.type,
      groups,
      priority: plan.priority,
      dueOn: plan.dueInDays === null ? null : addDays(dayOf(now), plan.dueInDays),
      notes: plan.notes,
      createIntuneTask: plan.createIntuneTask,
    },
    { state, now, actor: rng.pick(REQUESTERS), ids, settings: { intuneEnabled: true } },
  );
  return r.ok ? applyChanges(state, r.value.changes) : state;
}

function oneOrTwoOf(from: readonly DeviceGroupName[], rng: Rng): DeviceGroupName[] {
  const n = Math.min(from.length, rng.int(1, 2));
  const pool = [...from];
  const out: DeviceGroupName[] = [];
  while (out.length < n) out.push(...pool.splice(rng.int(0, pool.length - 1), 1));
  return out.sort();
}
