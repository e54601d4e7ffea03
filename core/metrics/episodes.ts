import type { Activity } from '../model/activity.ts';
import type { Exposure, ExposureFix } from '../model/exposure.ts';
import { dueDateShown, exposureDueBySla } from '../sla/due.ts';
import type { SlaPolicy } from '../sla/policy.ts';
import type { Episode } from './episode.ts';

/**
 * An activity as an episode: requested → completed. Its own due date wins; one without gets its
 * priority's SLA date (R-SLA-2). Attention required has no due date at all (R-ATTN-1), so it counts
 * for time to remediate but never for compliance.
 */
export function activityEpisode<K extends string>(a: Activity, policy: SlaPolicy, key: K): Episode<K> {
  return {
    key,
    opened: a.createdOn,
    closed: a.status === 'Completed' ? a.completion.completedOn : null,
    due: dueDateShown(a, policy).date,
  };
}

/**
 * An exposure still open, as an episode from its first seen (R-SLA-3); null when the vendor gave
 * no first-seen time, since nothing can be measured from it.
 */
export function openExposureEpisode<K extends string>(
  e: Exposure,
  policy: SlaPolicy,
  key: K,
): Episode<K> | null {
  if (e.firstSeen === null) return null;
  return {
    key,
    opened: e.firstSeen,
    closed: null,
    due: exposureDueBySla(policy, e.highestSeverity, e.firstSeen),
  };
}

/** A fixed exposure as an episode; null without a first-seen time, as for open ones. */
export function fixedExposureEpisode<K extends string>(
  f: ExposureFix,
  policy: SlaPolicy,
  key: K,
): Episode<K> | null {
  if (f.firstSeen === null) return null;
  return {
    key,
    opened: f.firstSeen,
    closed: f.fixedAt,
    due: exposureDueBySla(policy, f.severity, f.firstSeen),
  };
}
