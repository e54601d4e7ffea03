import { type ActivityType, PRIORITIES, type State } from '../../core/index.ts';
import { HOSTILE, NOTES, RECOMMENDATIONS } from './catalogue.ts';
import { submitRequest } from './requests.ts';
import type { Week } from './week.ts';

/** The requests drawn each week, besides the storyline's. */
export interface DrawnRequests {
  readonly kind: 'drawRequests';
  /** The first week has exactly `firstWeek` (no draw); later weeks draw a number in `later`. */
  readonly count: {
    readonly firstWeek: number;
    readonly later: { readonly min: number; readonly max: number };
  };
  /** Weights of the activity type for a software recommendation (configuration ones keep theirs). */
  readonly typeWeights: {
    readonly recommended: number;
    readonly uninstall: number;
    readonly attentionRequired: number;
  };
  /** Due-date choices in days, for every type but attention required (R-ATTN-1). */
  readonly dueInDays: readonly number[];
  readonly hostileNotes: number;
  readonly allGroups: number;
  readonly intuneTask: number;
}

export function drawRequests(state: State, week: Week, drawn: DrawnRequests): State {
  const { rng } = week;
  const count =
    week.index === 0 ? drawn.count.firstWeek : rng.int(drawn.count.later.min, drawn.count.later.max);
  let next = state;
  for (let i = 0; i < count; i++) {
    // The draws happen in this order, which the sample's bytes depend on.
    const spec = rng.pick(RECOMMENDATIONS);
    const type: ActivityType =
      spec.remediationType === 'ConfigurationChange'
        ? 'ConfigurationChange'
        : rng.weighted<ActivityType>([
            [spec.remediationType, drawn.typeWeights.recommended],
            ['Uninstall', drawn.typeWeights.uninstall],
            ['AttentionRequired', drawn.typeWeights.attentionRequired],
          ]);
    const attention = type === 'AttentionRequired';
    const priority = rng.pick(PRIORITIES);
    const dueInDays = attention ? null : rng.pick(drawn.dueInDays);
    const notes = rng.chance(drawn.hostileNotes) ? rng.pick(HOSTILE) : rng.pick(NOTES);
    const groups = rng.chance(drawn.allGroups) ? 'all' : 'some';
    const createIntuneTask = !attention && rng.chance(drawn.intuneTask);
    next = submitRequest(next, week, {
      recommendation: spec.id,
      type,
      groups,
      priority,
      dueInDays,
      createIntuneTask,
      notes,
    });
  }
  return next;
}
