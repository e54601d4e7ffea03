import {
  type Instant,
  type Recommendation,
  recommendationId,
  recommendationStatus,
  type State,
} from '../../core/index.ts';
import { appliesTo, RECOMMENDATIONS } from './catalogue.ts';
import type { World } from './world.ts';

/** The vendor's recommendation records for the world: counts from its exposures, status from `state`. */
export function recommendationRows(
  world: World,
  at: { readonly state: State; readonly now: Instant },
): Recommendation[] {
  const exposed = new Map<string, number>();
  for (const e of world.exposures.values())
    exposed.set(e.recommendationId, (exposed.get(e.recommendationId) ?? 0) + 1);
  const total = new Map<string, number>();
  for (const d of world.devices.values()) {
    for (const s of RECOMMENDATIONS)
      if (appliesTo(s, d.osPlatform)) total.set(s.id, (total.get(s.id) ?? 0) + 1);
  }
  const size = Math.max(1, world.initialSize);
  return RECOMMENDATIONS.map((s, i) => {
    const id = recommendationId(s.id);
    const count = exposed.get(s.id) ?? 0;
    return {
      id,
      productName: s.productName,
      recommendationName: s.name,
      weaknesses: s.weaknesses,
      vendor: s.vendor,
      recommendedVersion: s.recommendedVersion,
      recommendedVendor: '',
      recommendedProgram: '',
      recommendationCategory: s.category,
      subCategory: s.subCategory,
      severityScore: s.weaknesses === 0 ? 0 : Math.round((5 + (i % 5)) * 10) / 10,
      publicExploit: s.publicExploit,
      activeAlert: i % 7 === 0,
      associatedThreats: s.publicExploit
        ? [`${s.id.length.toString(16).padStart(8, '0')}-7eea-4058-889a-1a60bbf7e312`]
        : [],
      remediationType: s.remediationType,
      status: recommendationStatus({ id }, at.state, at.now),
      configScoreImpact: s.weaknesses === 0 ? Math.round((count * 1000) / size) / 100 : 0,
      exposureImpact: Math.round((count / size) * s.weaknesses * 1000) / 1000,
      totalMachineCount: total.get(s.id) ?? 0,
      exposedMachinesCount: count,
      nonProductivityImpactedAssets: Math.floor(count / 10),
      relatedComponent: s.component,
      exposedCriticalDevices: Math.floor(count / 7),
      tags: s.publicExploit ? ['internetFacing'] : [],
      hasUnpatchableCve: s.weaknesses > 0 ? s.weaknesses > 200 : null,
    };
  });
}
