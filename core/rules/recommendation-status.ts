import type { Recommendation, RecommendationStatus } from '../model/recommendation.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { coverageInEffect } from './exception-status.ts';
import { exposedGroupsOf } from './request-form.ts';

/**
 * R-EXC-6: Exception when exceptions in effect cover all the recommendation's groups — a global
 * one, or group ones for every group its exposed devices are in (at least one group exception
 * must be in effect: nothing excepted stays Active). An exposed device the device list lacks is in
 * UnassignedGroup (`exposedGroupsOf`), so that group must be covered too. Derived from our
 * exceptions only; the vendor's imported `status` is not consulted.
 */
export function recommendationStatus(
  rec: Pick<Recommendation, 'id'>,
  state: State,
  now: Instant,
): RecommendationStatus {
  const cov = coverageInEffect(
    state.exceptions.filter((e) => e.recommendationId === rec.id),
    now,
  ).get(rec.id);
  if (!cov) return 'Active';
  if (cov.global.length > 0) return 'Exception';
  if (cov.groups.size === 0) return 'Active';
  for (const g of exposedGroupsOf(state, rec.id)) if (!cov.groups.has(g)) return 'Active';
  return 'Exception';
}
