import { markComplete, type State } from '../../core/index.ts';
import { REQUESTERS } from './catalogue.ts';
import { type Week, withOutcome } from './week.ts';

/** Weekly chance that a requester marks an active activity from an earlier week complete. */
export interface ManualCompletion {
  readonly kind: 'completeByHand';
  readonly fromWeek: number;
  /** Attention-required activities only complete by hand, so they are closed more often. */
  readonly attentionRequired: number;
  readonly otherwise: number;
}

export function completeByHand(state: State, week: Week, completion: ManualCompletion): State {
  const { rng, now } = week;
  if (week.index < completion.fromWeek) return state;
  let next = state;
  for (const a of state.activities) {
    if (a.status !== 'Active' || a.createdOn >= now) continue;
    const p = a.type === 'AttentionRequired' ? completion.attentionRequired : completion.otherwise;
    if (rng.chance(p)) next = withOutcome(next, markComplete(a, rng.pick(REQUESTERS), now));
  }
  return next;
}
