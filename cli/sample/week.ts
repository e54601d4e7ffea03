import {
  applyChanges,
  type ChangeSet,
  type IdSource,
  type Instant,
  type Result,
  type State,
} from '../../core/index.ts';
import type { Rng } from './prng.ts';
import type { World } from './world.ts';

/** What every step of a week works with. All draws come from the one `rng`, in a fixed order. */
export interface Week {
  /** 0 for the first snapshot. */
  readonly index: number;
  readonly now: Instant;
  readonly rng: Rng;
  readonly ids: IdSource;
  readonly world: World;
}

/** A rule's outcome applied when it was allowed: a refused action simply does not happen that week. */
export const withOutcome = (state: State, outcome: Result<ChangeSet>): State =>
  outcome.ok ? applyChanges(state, outcome.value) : state;
