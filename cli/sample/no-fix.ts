import { type GroupName, groupName, type RecommendationKey } from './catalogue.ts';
import type { Week } from './week.ts';

/**
 * The metrics' two cases of no fix (docs/metrics.md), scripted so the sample always has them: in
 * its week, a device exposed to a recommendation changes group, and another device's software is
 * upgraded to a version still exposed to the same recommendation (fewer vulnerabilities, the same
 * exposure since it was first seen). Neither is a fix, so neither is in that week's fixes.csv.
 * They draw nothing from the generator, so the rest of the sample keeps its draws.
 */
export interface GroupMove {
  readonly kind: 'groupMove';
  readonly week: number;
  readonly recommendation: RecommendationKey;
  readonly toGroup: GroupName;
}

export interface StillExposedUpgrade {
  readonly kind: 'stillExposedUpgrade';
  readonly week: number;
  readonly recommendation: RecommendationKey;
}

/** The first device (in the world's order) exposed to the recommendation and not yet in the group moves to it. */
export function moveExposedDevice(week: Week, move: GroupMove): void {
  if (week.index !== move.week) return;
  const { world } = week;
  const to = groupName(move.toGroup);
  for (const e of world.exposures.values()) {
    const device = e.recommendationId === move.recommendation ? world.devices.get(e.deviceId) : undefined;
    if (device && device.rbacGroupName !== to) {
      world.devices.set(device.id, { ...device, rbacGroupName: to });
      return;
    }
  }
}

/** The first exposure to the recommendation with more than one vulnerability keeps half of them. */
export function upgradeStillExposed(week: Week, upgrade: StillExposedUpgrade): void {
  if (week.index !== upgrade.week) return;
  for (const [key, e] of week.world.exposures) {
    if (e.recommendationId === upgrade.recommendation && e.vulnerabilities > 1) {
      week.world.exposures.set(key, {
        ...e,
        vulnerabilities: Math.ceil(e.vulnerabilities / 2),
        lastSeen: week.now,
      });
      return;
    }
  }
}
