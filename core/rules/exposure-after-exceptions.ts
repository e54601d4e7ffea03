import { compareText } from '../model/canonical-order.ts';
import type { Justification, RemediationException } from '../model/exception.ts';
import {
  type DeviceGroupName,
  type DeviceId,
  type RecommendationId,
  UNASSIGNED_GROUP,
} from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { coverageInEffect } from './exception-status.ts';

/** R-EXC-5: the justifications that count covered devices as not exposed. */
const EXPOSURE_REDUCING: ReadonlySet<Justification> = new Set(['ThirdPartyControl', 'AlternateMitigation']);

export interface ExposureCounts {
  readonly recommendationId: RecommendationId;
  readonly exposedDevices: number;
  readonly exposedAfterExceptions: number;
}

const reduces = (list: readonly RemediationException[] | undefined): boolean =>
  list?.some((e) => EXPOSURE_REDUCING.has(e.justification)) ?? false;

/**
 * R-EXC-5: per recommendation (sorted by id), its exposed devices and those still exposed once
 * Third party control and Alternate mitigation exceptions in effect are applied. A global one
 * covers every device; a group one only devices in its groups, and not while suspended — even
 * when the global exception suspending it is one that reduces nothing. Risk accepted and Planned
 * remediation exceptions reduce nothing. Exposure rows are one per device × recommendation.
 */
export function exposureAfterExceptions(state: State, now: Instant): readonly ExposureCounts[] {
  const groupOf = new Map<DeviceId, DeviceGroupName>(state.devices.map((d) => [d.id, d.rbacGroupName]));
  // Statuses need every exception (any global one suspends group ones); justification filters after.
  const coverage = coverageInEffect(state.exceptions, now);
  const counts = new Map<RecommendationId, { exposed: number; after: number }>();
  for (const x of state.exposures) {
    let c = counts.get(x.recommendationId);
    if (!c) {
      c = { exposed: 0, after: 0 };
      counts.set(x.recommendationId, c);
    }
    c.exposed++;
    const cov = coverage.get(x.recommendationId);
    // A device the device list lacks is in UnassignedGroup, as the request form and coverage say.
    const group = groupOf.get(x.deviceId) ?? UNASSIGNED_GROUP;
    const covered = cov !== undefined && (reduces(cov.global) || reduces(cov.groups.get(group)));
    if (!covered) c.after++;
  }
  return [...counts]
    .sort(([a], [b]) => compareText(a, b))
    .map(([recommendationId, c]) => ({
      recommendationId,
      exposedDevices: c.exposed,
      exposedAfterExceptions: c.after,
    }));
}
