import {
  addDays,
  applyChanges,
  cancelException,
  createException,
  dayOf,
  type EXPIRY_DAY_CHOICES,
  type Justification,
  recommendationId,
  type State,
} from '../../core/index.ts';
import { ADMIN, type GroupName, groupName, REQUESTERS, type RecommendationKey } from './catalogue.ts';
import { type Week, withOutcome } from './week.ts';

/** One of the form's expiry choices, or a chosen date this many days after the week's day. */
export type ExpiryPlan =
  | { readonly days: (typeof EXPIRY_DAY_CHOICES)[number] }
  | { readonly dateInDays: number };

export interface ExceptionPlan {
  readonly recommendation: RecommendationKey;
  readonly justification: Justification;
  readonly scope:
    | { readonly kind: 'global' }
    | { readonly kind: 'groups'; readonly groups: readonly [GroupName, ...GroupName[]] };
  readonly expiry: ExpiryPlan;
  readonly context: string;
}

/** Records an exception through core's rule: global ones by the admin (only they may), others by a requester. */
export function createPlannedException(state: State, week: Week, plan: ExceptionPlan): State {
  const { rng, now, ids } = week;
  const global = plan.scope.kind === 'global';
  const r = createException(
    {
      recommendationId: recommendationId(plan.recommendation),
      justification: plan.justification,
      context: plan.context,
      expiry: 'days' in plan.expiry ? plan.expiry : { on: addDays(dayOf(now), plan.expiry.dateInDays) },
      scope: global ? plan.scope : { kind: 'groups', groups: plan.scope.groups.map(groupName) },
    },
    { state, now, actor: global ? ADMIN : rng.pick(REQUESTERS), ids, isAdmin: global },
  );
  return r.ok ? applyChanges(state, r.value.changes) : state;
}

export interface CancellationPlan {
  readonly recommendation: RecommendationKey;
  readonly scope: { readonly kind: 'whole' } | { readonly kind: 'group'; readonly group: GroupName };
}

/** Cancels the first open exception on the recommendation, for all its groups or one. */
export function cancelPlannedException(state: State, week: Week, plan: CancellationPlan): State {
  const exc = state.exceptions.find((e) => e.recommendationId === plan.recommendation && e.canceled === null);
  if (!exc) return state;
  const group = plan.scope.kind === 'whole' ? null : groupName(plan.scope.group);
  return withOutcome(state, cancelException(exc, group, week.rng.pick(REQUESTERS), week.now, week.ids));
}
