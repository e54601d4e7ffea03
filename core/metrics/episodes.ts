import type { Activity } from '../model/activity.ts';
import type { Exposure, ExposureFix, SeverityLevel } from '../model/exposure.ts';
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

/** A severity, or `unknown` for exposures whose rows named no CVE. */
export type SeverityKey = SeverityLevel | 'unknown';

/**
 * A device × recommendation exposure as an episode: keyed by its severity, with the device group it
 * was open in (the per-group table). Made in one piece: an archive's exposures are hundreds of
 * thousands.
 */
export interface ExposureEpisode extends Episode<SeverityKey> {
  readonly group: string;
}

/** What the metrics measure of a fix: its severity and group, when it was first seen and fixed. */
export type MeasuredFix = Pick<ExposureFix, 'severity' | 'group' | 'firstSeen' | 'fixedAt'>;

/**
 * An exposure still open, in `group`, as an episode from its first seen (R-SLA-3); null when the
 * vendor gave no first-seen time, since nothing can be measured from it.
 */
export function openExposureEpisode(e: Exposure, group: string, policy: SlaPolicy): ExposureEpisode | null {
  if (e.firstSeen === null) return null;
  return {
    key: e.highestSeverity ?? 'unknown',
    group,
    opened: e.firstSeen,
    closed: null,
    due: exposureDueBySla(policy, e.highestSeverity, e.firstSeen),
  };
}

/** A fixed exposure as an episode; null without a first-seen time, as for open ones. */
export function fixedExposureEpisode(f: MeasuredFix, policy: SlaPolicy): ExposureEpisode | null {
  if (f.firstSeen === null) return null;
  return {
    key: f.severity ?? 'unknown',
    group: f.group,
    opened: f.firstSeen,
    closed: f.fixedAt,
    due: exposureDueBySla(policy, f.severity, f.firstSeen),
  };
}
