import type { ArchiveSettings } from '../codecs/settings-file.ts';
import type { Priority } from '../model/activity.ts';
import type { ExposureFix, SeverityLevel } from '../model/exposure.ts';
import { UNASSIGNED_GROUP } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import { addDays, type CalendarDate, dayOf, type Instant } from '../model/time.ts';
import { RETENTION_DAYS } from '../rules/retention.ts';
import type { SlaPolicy, SlaPreset } from '../sla/policy.ts';
import { type AgeBucket, ageing, type DueBucket, dueStanding } from './ageing.ts';
import type { Episode } from './episode.ts';
import { activityEpisode, fixedExposureEpisode, openExposureEpisode } from './episodes.ts';
import {
  figuresBy,
  figuresByMonth,
  type KeyFigures,
  type Month,
  type PeriodFigures,
  periodFigures,
} from './figures-by.ts';

/** The headline period: the 30 days up to the latest snapshot. */
export const HEADLINE_DAYS = 30;

/** A severity, or `unknown` for exposures whose rows named no CVE. */
export type SeverityKey = SeverityLevel | 'unknown';

/** Everything the metrics page, the overview's headline, index.json and the CSVs show (docs/metrics.md). */
export interface ReportMetrics {
  readonly slaPreset: SlaPreset;
  readonly sla: SlaPolicy;
  /** The headline period, [from, to]: the 30 days up to the latest snapshot's day. */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly exposures: {
    readonly headline: PeriodFigures;
    readonly bySeverity: readonly KeyFigures<SeverityKey>[];
    readonly byGroup: readonly KeyFigures<string>[];
    readonly byMonth: readonly KeyFigures<Month>[];
    readonly ageing: Readonly<Record<AgeBucket, number>>;
    /** Open exposures without a first-seen time: not measured, counted so the gap shows. */
    readonly unmeasured: number;
  };
  readonly activities: {
    readonly headline: PeriodFigures;
    readonly byPriority: readonly KeyFigures<Priority>[];
    readonly byMonth: readonly KeyFigures<Month>[];
    readonly dueStanding: Readonly<Record<DueBucket, number>>;
  };
}

/**
 * The metrics of an archive at its latest snapshot (`state`, taken at `at`): open exposures from
 * the state, fixed ones from every snapshot's fixes (`fixes`), activities from the state. Months run
 * from `since` (the first snapshot) to `at`.
 */
export function reportMetrics(
  state: State,
  at: Instant,
  settings: ArchiveSettings,
  fixes: readonly ExposureFix[],
  since: Instant,
): ReportMetrics {
  const { sla } = settings;
  const to = dayOf(at);
  const from = addDays(to, -(HEADLINE_DAYS - 1));
  const first = dayOf(since);
  const activitiesSince = [first, addDays(to, -RETENTION_DAYS)].sort().at(-1) ?? first;

  const groupOf = new Map(state.devices.map((d) => [d.id, d.rbacGroupName]));
  const bySeverity: Episode<SeverityKey>[] = [];
  const byGroup: Episode<string>[] = [];
  let unmeasured = 0;
  for (const e of state.exposures) {
    const episode = openExposureEpisode(e, sla, e.highestSeverity ?? 'unknown');
    if (episode === null) {
      unmeasured++;
      continue;
    }
    bySeverity.push(episode);
    byGroup.push({ ...episode, key: groupOf.get(e.deviceId) ?? UNASSIGNED_GROUP });
  }
  for (const f of fixes) {
    const episode = fixedExposureEpisode(f, sla, f.severity ?? 'unknown');
    if (episode === null) continue;
    bySeverity.push(episode);
    byGroup.push({ ...episode, key: f.group });
  }
  const activities = state.activities.map((a) => activityEpisode(a, sla, a.priority));

  return {
    slaPreset: settings.slaPreset,
    sla,
    from,
    to,
    exposures: {
      headline: periodFigures(bySeverity, from, to),
      bySeverity: figuresBy(bySeverity, from, to),
      byGroup: figuresBy(byGroup, from, to),
      byMonth: figuresByMonth(bySeverity, first, to),
      ageing: ageing(bySeverity, to),
      unmeasured,
    },
    activities: {
      headline: periodFigures(activities, from, to),
      byPriority: figuresBy(activities, from, to),
      // Activities completed longer ago than retention have left the state (R-RET-1): months before
      // that would undercount, so the trend starts at the retention window.
      byMonth: figuresByMonth(activities, activitiesSince, to),
      dueStanding: dueStanding(activities, to),
    },
  };
}
