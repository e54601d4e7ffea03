import { appliesTo, type RecommendationKey, recommendationSpec } from './catalogue.ts';
import { expose } from './exposures.ts';
import type { Week } from './week.ts';
import { exposureKey } from './world.ts';

/** A release every `everyWeeks` weeks exposes a `reach` share of the devices not exposed to it. */
export interface BrowserRelease {
  readonly kind: 'browserRelease';
  readonly everyWeeks: number;
  readonly browsers: readonly RecommendationKey[];
  readonly reach: number;
}

export function releaseBrowsers(week: Week, release: BrowserRelease): void {
  if (week.index % release.everyWeeks !== 0) return;
  const { rng, now, world } = week;
  for (const key of release.browsers) {
    const spec = recommendationSpec(key);
    for (const device of world.devices.values()) {
      if (
        appliesTo(spec, device.osPlatform) &&
        !world.exposures.has(exposureKey(device.id, key)) &&
        rng.chance(release.reach)
      ) {
        expose(week, { device, spec, firstSeen: now });
      }
    }
  }
}
