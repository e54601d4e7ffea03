import {
  addDaysToInstant,
  applyChanges,
  canonicalState,
  type IdSource,
  type Instant,
  instant,
  reconcileActivities,
  type State,
} from '../../core/index.ts';
import { startWorld } from './devices.ts';
import { importedHistory } from './history.ts';
import { mulberry32, type Rng } from './prng.ts';
import { recommendationRows } from './recommendation-rows.ts';
import type { Week } from './week.ts';
import { actWeek } from './weekly-actions.ts';
import { changeWorld } from './world-changes.ts';
import { worldTables } from './world-snapshot.ts';

export interface SampleOptions {
  readonly devices: number;
  readonly weeks: number;
  readonly seed: number;
}

export interface SampleWeek {
  readonly at: Instant;
  readonly state: State;
}

/** The last snapshot is always taken at this moment, so the bundled archive ends on a fixed day. */
export const SAMPLE_END: Instant = instant('2026-11-29T08:00:00Z');

/** Ids from the seeded generator, GUID-shaped like the vendor's. */
const seededIds = (rng: Rng): IdSource => ({ next: () => rng.guid() });

/**
 * Builds a tenant and lets it live for `weeks` weeks, one State per week. The week-to-week changes
 * are what the product itself would record: the world changes (WORLD_CHANGES: churn, patching, new
 * releases), and everything else goes through core's rules (WEEKLY_ACTIONS and the STORYLINE:
 * requestRemediation, reconcileActivities, setTaskStatus, markComplete, createException,
 * cancelException, expireExceptions, applyRetention). Work per week is linear in devices + exposures
 * + device rows, so 100,000 devices × 52 weeks stays practical.
 */
export function* generateSample(options: SampleOptions): Generator<SampleWeek> {
  const rng = mulberry32(options.seed);
  const ids = seededIds(mulberry32(options.seed ^ 0x5eed));
  const at = (index: number) => addDaysToInstant(SAMPLE_END, -7 * (options.weeks - 1 - index));
  const start = at(0);
  const world = startWorld({ index: 0, now: start, rng, ids }, options.devices);
  let state: State = canonicalState({
    ...importedHistory({ rng, ids, start }),
    recommendations: [],
    devices: [],
    exposures: [],
  });
  for (let index = 0; index < options.weeks; index++) {
    const now = at(index);
    const week: Week = { index, now, rng, ids, world };
    if (index > 0) changeWorld(week, state);
    const next = worldTables(world, { state, now });
    const reconcile = reconcileActivities(
      state,
      { kind: 'full', exposures: next.exposures },
      next.devices,
      now,
      ids,
    );
    state = actWeek(applyChanges({ ...state, ...next }, reconcile), week);
    // Statuses follow this week's exceptions.
    state = { ...state, recommendations: recommendationRows(world, { state, now }) };
    yield { at: now, state };
  }
}
