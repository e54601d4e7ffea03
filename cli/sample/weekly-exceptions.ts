import { cancelException, dayOf, JUSTIFICATIONS, type State } from '../../core/index.ts';
import { GROUPS, HOSTILE, RECOMMENDATIONS, REQUESTERS } from './catalogue.ts';
import { createPlannedException, type ExpiryPlan } from './exceptions.ts';
import { type Week, withOutcome } from './week.ts';

/** A group exception drawn on a random recommendation, besides the storyline's. */
export interface DrawnException {
  readonly kind: 'drawException';
  readonly fromWeek: number;
  readonly chance: number;
  readonly expiries: readonly ExpiryPlan[];
  /** Chance the context is a hostile string instead of `context`. */
  readonly hostileContext: number;
  readonly context: string;
}

export function drawException(state: State, week: Week, drawn: DrawnException): State {
  const { rng } = week;
  if (week.index < drawn.fromWeek || !rng.chance(drawn.chance)) return state;
  // The draws happen in this order, which the sample's bytes depend on.
  const spec = rng.pick(RECOMMENDATIONS);
  const justification = rng.pick(JUSTIFICATIONS);
  const group = rng.pick(GROUPS).name;
  const expiry = rng.pick(drawn.expiries);
  const context = rng.chance(drawn.hostileContext) ? rng.pick(HOSTILE) : drawn.context;
  return createPlannedException(state, week, {
    recommendation: spec.id,
    justification,
    scope: { kind: 'groups', groups: [group] },
    expiry,
    context,
  });
}

/** A requester cancels a random open exception for all its groups. */
export interface DrawnCancellation {
  readonly kind: 'drawCancellation';
  readonly fromWeek: number;
  readonly chance: number;
}

export function drawCancellation(state: State, week: Week, drawn: DrawnCancellation): State {
  const { rng, now, ids } = week;
  if (week.index < drawn.fromWeek || !rng.chance(drawn.chance)) return state;
  const open = state.exceptions.filter((e) => e.canceled === null && e.expiresOn > dayOf(now));
  if (open.length === 0) return state;
  return withOutcome(state, cancelException(rng.pick(open), null, rng.pick(REQUESTERS), now, ids));
}
