import type { ArchiveSettings } from '../codecs/settings-file.ts';
import type { Priority } from '../model/activity.ts';
import { addCounts } from '../model/count.ts';
import { UNASSIGNED_GROUP } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import { addDays, type CalendarDate, dayOf, type Instant } from '../model/time.ts';
import { RETENTION_DAYS } from '../rules/retention.ts';
import { type SlaPolicy, type SlaPreset, samePolicy } from '../sla/policy.ts';
import { type AgeBucket, ageing, type DueBucket, dueStanding } from './ageing.ts';
import type { Episode } from './episode.ts';
import {
  activityEpisode,
  type ExposureEpisode,
  fixedExposureEpisode,
  type MeasuredFix,
  openExposureEpisode,
  type SeverityKey,
} from './episodes.ts';
import {
  addFigures,
  addKeyFigures,
  figuresBy,
  figuresByMonth,
  type KeyFigures,
  type Month,
  type PeriodFigures,
  periodFigures,
} from './figures-by.ts';

/** The headline period: the 30 days up to the latest snapshot. */
export const HEADLINE_DAYS = 30;

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

/** The days a report's figures cover. */
interface Periods {
  /** The headline period, [from, to]: the 30 days up to the latest snapshot's day. */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** The first snapshot's day: the exposures' months start at its month. */
  readonly first: CalendarDate;
}

const periodsOf = (at: Instant, since: Instant): Periods => {
  const to = dayOf(at);
  return { from: addDays(to, -(HEADLINE_DAYS - 1)), to, first: dayOf(since) };
};

/** The exposure metrics of some exposures' episodes, but for those only open ones have. */
interface ExposureFigures {
  readonly headline: PeriodFigures;
  readonly bySeverity: readonly KeyFigures<SeverityKey>[];
  readonly byGroup: readonly KeyFigures<string>[];
  readonly byMonth: readonly KeyFigures<Month>[];
  readonly ageing: Readonly<Record<AgeBucket, number>>;
}

const ownKey = <K extends string>(e: Episode<K>): K => e.key;

function exposureFigures(episodes: readonly ExposureEpisode[], p: Periods): ExposureFigures {
  return {
    headline: periodFigures(episodes, p.from, p.to),
    bySeverity: figuresBy(episodes, p.from, p.to, ownKey),
    byGroup: figuresBy(episodes, p.from, p.to, (e) => e.group),
    byMonth: figuresByMonth(episodes, p.first, p.to),
    ageing: ageing(episodes, p.to),
  };
}

/**
 * What every snapshot's fixes say, over the periods of the report at `at` whose months run from
 * `since` (the first snapshot): the part of the exposure metrics that needs the archive's history.
 * Worked out apart from the latest snapshot's open exposures, which it is added to (reportMetrics),
 * so that a build reads a year of fixes while it decodes the latest snapshot, and hands over only
 * these figures.
 */
export interface FixedExposureFigures extends ExposureFigures {
  readonly at: Instant;
  readonly since: Instant;
  /** The policy that dated the fixes: the report's must be the same. */
  readonly sla: SlaPolicy;
}

export function fixedExposureFigures(
  fixes: readonly MeasuredFix[],
  sla: SlaPolicy,
  at: Instant,
  since: Instant,
): FixedExposureFigures {
  const episodes: ExposureEpisode[] = [];
  for (const f of fixes) {
    const episode = fixedExposureEpisode(f, sla);
    if (episode !== null) episodes.push(episode);
  }
  return { at, since, sla, ...exposureFigures(episodes, periodsOf(at, since)) };
}

/** The counts of both parts added; time to remediate is the fixed part's, open exposures have none. */
function addExposureFigures(fixed: ExposureFigures, open: ExposureFigures): ExposureFigures {
  return {
    headline: addFigures(fixed.headline, open.headline),
    bySeverity: addKeyFigures(fixed.bySeverity, open.bySeverity),
    byGroup: addKeyFigures(fixed.byGroup, open.byGroup),
    byMonth: addKeyFigures(fixed.byMonth, open.byMonth),
    ageing: addCounts(fixed.ageing, open.ageing),
  };
}

/**
 * The metrics of an archive at its latest snapshot (`state`, taken at `at`): open exposures and
 * activities from the state, added to what the fixes of every snapshot say (`fixed`, worked out
 * by fixedExposureFigures for the same `at` and the SLA of `settings`).
 */
export function reportMetrics(
  state: State,
  at: Instant,
  settings: ArchiveSettings,
  fixed: FixedExposureFigures,
): ReportMetrics {
  if (fixed.at !== at) throw new Error(`the fixes' figures are of ${fixed.at}, not ${at}`);
  const { sla } = settings;
  if (!samePolicy(fixed.sla, sla)) throw new Error("the fixes' figures were dated by another SLA policy");
  const periods = periodsOf(at, fixed.since);
  const { from, to, first } = periods;
  const activitiesSince = [first, addDays(to, -RETENTION_DAYS)].sort().at(-1) ?? first;

  const groupOf = new Map(state.devices.map((d) => [d.id, d.rbacGroupName]));
  const open: ExposureEpisode[] = [];
  let unmeasured = 0;
  for (const e of state.exposures) {
    const episode = openExposureEpisode(e, groupOf.get(e.deviceId) ?? UNASSIGNED_GROUP, sla);
    if (episode === null) unmeasured++;
    else open.push(episode);
  }
  const activities = state.activities.map((a) => activityEpisode(a, sla, a.priority));

  return {
    slaPreset: settings.slaPreset,
    sla,
    from,
    to,
    exposures: { ...addExposureFigures(fixed, exposureFigures(open, periods)), unmeasured },
    activities: {
      headline: periodFigures(activities, from, to),
      byPriority: figuresBy(activities, from, to, ownKey),
      // Activities completed longer ago than retention have left the state (R-RET-1): months before
      // that would undercount, so the trend starts at the retention window.
      byMonth: figuresByMonth(activities, activitiesSince, to),
      dueStanding: dueStanding(activities, to),
    },
  };
}
