import { addDaysToInstant, type Device, type Instant, recommendationId } from '../../core/index.ts';
import { appliesTo, RECOMMENDATIONS, type RecommendationSpec } from './catalogue.ts';
import type { Week } from './week.ts';
import { exposureKey } from './world.ts';

/** When a seeded exposure was first seen: this week, or a drawn number of days before it. */
export type ExposedSince =
  | { readonly kind: 'now' }
  | { readonly kind: 'daysAgo'; readonly min: number; readonly max: number };

/** The vendor lists at most this many vulnerabilities per exposure in the sample. */
const MAX_VULNERABILITIES = 40;

export function expose(
  week: Week,
  exposure: { readonly device: Device; readonly spec: RecommendationSpec; readonly firstSeen: Instant },
): void {
  const { device, spec, firstSeen } = exposure;
  week.world.exposures.set(exposureKey(device.id, spec.id), {
    deviceId: device.id,
    recommendationId: recommendationId(spec.id),
    vulnerabilities:
      spec.weaknesses === 0 ? 0 : week.rng.int(1, Math.min(spec.weaknesses, MAX_VULNERABILITIES)),
    highestSeverity: spec.weaknesses === 0 ? null : spec.severity,
    firstSeen,
    lastSeen: week.now,
  });
}

/** Exposes a device to each applicable recommendation with that recommendation's prevalence. */
export function seedExposures(
  week: Week,
  seed: { readonly device: Device; readonly since: ExposedSince },
): void {
  const { rng, now } = week;
  for (const spec of RECOMMENDATIONS) {
    if (appliesTo(spec, seed.device.osPlatform) && rng.chance(spec.prevalence)) {
      const firstSeen =
        seed.since.kind === 'now' ? now : addDaysToInstant(now, -rng.int(seed.since.min, seed.since.max));
      expose(week, { device: seed.device, spec, firstSeen });
    }
  }
}
