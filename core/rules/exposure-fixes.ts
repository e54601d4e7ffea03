import type { ExposureFix } from '../model/exposure.ts';
import type { DeviceId, RecommendationId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';

/**
 * The exposures `before` holds and `after` no longer does, as of `at`. Only a device still in
 * `after`'s data is fixed; one that vanished is not (R-PROG-1), and is left out. A device that moved
 * group, or software upgraded to a version still exposed, keeps its device × recommendation exposure,
 * so neither appears here. `after` must come from a complete picture: a partial one never removes
 * an exposure (R-DONE-1), so it can fix nothing here either.
 */
export function exposureFixes(
  before: Pick<State, 'devices' | 'exposures'>,
  after: Pick<State, 'devices' | 'exposures'>,
  at: Instant,
): ExposureFix[] {
  const still = new Map<DeviceId, Set<RecommendationId>>();
  for (const e of after.exposures) {
    const recs = still.get(e.deviceId);
    if (recs) recs.add(e.recommendationId);
    else still.set(e.deviceId, new Set([e.recommendationId]));
  }
  const present = new Set(after.devices.map((d) => d.id));
  // The group it had while exposed; the newer one only when the older data lacks the device.
  const groupOf = new Map([...after.devices, ...before.devices].map((d) => [d.id, d.rbacGroupName]));
  const fixes: ExposureFix[] = [];
  for (const e of before.exposures) {
    if (!present.has(e.deviceId) || still.get(e.deviceId)?.has(e.recommendationId)) continue;
    const group = groupOf.get(e.deviceId);
    if (group === undefined) continue;
    fixes.push({
      deviceId: e.deviceId,
      recommendationId: e.recommendationId,
      group,
      severity: e.highestSeverity,
      firstSeen: e.firstSeen,
      fixedAt: at,
    });
  }
  return fixes;
}
