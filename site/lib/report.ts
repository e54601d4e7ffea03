/**
 * Everything the pages show, computed once per build from the archive by core's rules. The site
 * only indexes and arranges: every figure (counts, overdue, progress, statuses) comes from core.
 */
import {
  type Activity,
  type ActivityId,
  type AuditEvent,
  type BurnDown,
  diffStates,
  distinctDevicesFixed,
  type ExceptionId,
  type ExceptionStatus,
  type ExposureCounts,
  exceptionStatuses,
  exposureAfterExceptions,
  type Figures,
  type IntuneTask,
  type Recommendation,
  type RecommendationId,
  type RecommendationStatus,
  type RemediationException,
  type ReportMetrics,
  recommendationStatus,
  reportMetrics,
  type StateDiff,
  summarize,
  type TopEntry,
  topActivities,
} from '../../core/index.ts';
import { buildDeviceReport, type DeviceReport } from './device-report.ts';
import { groupBy } from './group-by.ts';
import { type Archive, type HandedTables, readArchive } from './load-archive.ts';
import { checkSameSnapshots, type MetricsHistory, readMetricsHistory } from './load-metrics.ts';
import { pageOfIndex, RECOMMENDATIONS_PER_PAGE } from './pages.ts';

export interface Report extends DeviceReport {
  readonly archive: Archive;
  readonly figures: Figures;
  /** Devices fixed, each once (core's `distinctDevicesFixed`), beside the fixes summed in `figures`. */
  readonly distinctDevicesFixed: number;
  /**
   * Completed since the previous snapshot, in (previous, latest]: the length of `diff`'s completed
   * list (core's `completedBetween`); null when there is none to compare with.
   */
  readonly completedInPeriod: number | null;
  /** R-TOP-1, in core's order: active activities most urgent first. */
  readonly top: readonly TopEntry[];
  /** Active ones most urgent first, then completed ones most recent first. */
  readonly activities: readonly Activity[];
  readonly recommendations: ReadonlyMap<RecommendationId, Recommendation>;
  readonly tasks: ReadonlyMap<ActivityId, IntuneTask>;
  readonly eventsOf: ReadonlyMap<ActivityId, readonly AuditEvent[]>;
  readonly exceptionStatus: ReadonlyMap<ExceptionId, ExceptionStatus>;
  readonly exposure: ReadonlyMap<RecommendationId, ExposureCounts>;
  readonly recommendationStatus: ReadonlyMap<RecommendationId, RecommendationStatus>;
  readonly diff: StateDiff | null;
  /** Recommendations, most exposed devices first: the order of the recommendations pages. */
  readonly recommendationOrder: readonly Recommendation[];
  readonly recommendationIndex: ReadonlyMap<RecommendationId, number>;
  readonly activitiesOfRecommendation: ReadonlyMap<RecommendationId, readonly Activity[]>;
  readonly exceptionsOfRecommendation: ReadonlyMap<RecommendationId, readonly RemediationException[]>;
  /**
   * The metrics at the latest snapshot (docs/metrics.md), computed by core's `reportMetrics`: the
   * SLA policy in force (`slaPreset`, `sla`), the headline period [`from`, `to`], and for exposures
   * and activities each a `headline` (open, M-SLA-1 compliance with its counts and open breaches
   * `compliance.openPastDue`, M-TTR-1 time to remediate) and its tables. What the metrics page, the
   * overview's headline, index.json's `metrics` and csv/metrics/ show; a page that shows a headline
   * takes it from here.
   */
  readonly metrics: ReportMetrics;
  /** M-BURN-1: each tracked activity's targeted and still exposed at every archived snapshot. */
  readonly burnDowns: ReadonlyMap<ActivityId, BurnDown>;
}

const eventActivity = (e: AuditEvent): ActivityId | null => ('activityId' in e ? e.activityId : null);

export function buildReport(archive: Archive, history: MetricsHistory): Report {
  checkSameSnapshots(history, archive);
  const { state, at: now } = archive.latest;
  // At the moment the latest snapshot's name says, as its figures were worked out.
  const metricsAt = archive.snapshots.at(-1)?.at ?? now;
  const metrics = reportMetrics(state, metricsAt, history.settings, history.fixed);
  const prev = archive.previous;
  const top = topActivities(state, now);
  const completed = state.activities
    .filter((a) => a.status === 'Completed')
    .sort((a, b) =>
      a.status === 'Completed' && b.status === 'Completed'
        ? b.completion.completedOn.localeCompare(a.completion.completedOn) || a.id.localeCompare(b.id)
        : 0,
    );
  const exposure = new Map(exposureAfterExceptions(state, now).map((x) => [x.recommendationId, x]));
  const exposedOf = (id: RecommendationId) => exposure.get(id)?.exposedDevices ?? 0;
  const recommendationOrder = [...state.recommendations].sort(
    (a, b) => exposedOf(b.id) - exposedOf(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const activities = [...top.flatMap((e) => (e.kind === 'activity' ? [e.activity] : [])), ...completed];
  const diff = prev ? diffStates(prev.state, state, prev.at, now) : null;
  return {
    ...buildDeviceReport(state, now),
    archive,
    figures: summarize(state, now),
    distinctDevicesFixed: distinctDevicesFixed(state),
    completedInPeriod: diff ? diff.activities.completed.length : null,
    top,
    activities,
    recommendations: new Map(state.recommendations.map((r) => [r.id, r])),
    tasks: new Map(state.tasks.map((t) => [t.activityId, t])),
    eventsOf: groupBy(state.events, eventActivity),
    exceptionStatus: exceptionStatuses(state.exceptions, now),
    exposure,
    recommendationStatus: new Map(
      state.recommendations.map((r) => [r.id, recommendationStatus(r, state, now)]),
    ),
    diff,
    recommendationOrder,
    recommendationIndex: new Map(recommendationOrder.map((rec, k) => [rec.id, k])),
    activitiesOfRecommendation: groupBy(activities, (a) => a.recommendationId),
    exceptionsOfRecommendation: groupBy(state.exceptions, (e) => e.recommendationId),
    metrics,
    burnDowns: history.burnDowns,
  };
}

/**
 * The report of the archive in `dir`, for the thread that renders every page but device lists;
 * `handed`: the latest snapshot's device tables, decoded by a thread rendering device lists;
 * `history`: what the metrics read of every snapshot, read by the build meanwhile. Whatever is not
 * handed is read here.
 */
export async function readReport(
  dir: string,
  handed?: Promise<HandedTables>,
  history: Promise<MetricsHistory> = readMetricsHistory(dir),
): Promise<Report> {
  const [archive, metricsHistory] = await Promise.all([readArchive(dir, handed), history]);
  return buildReport(archive, metricsHistory);
}

/** Where a recommendation is listed: its page of the recommendations list and its row. */
export function recommendationPath(r: Report, id: RecommendationId): string {
  const page = pageOfIndex(r.recommendationIndex.get(id) ?? 0, RECOMMENDATIONS_PER_PAGE);
  return `recommendations/${page === 1 ? '' : `page/${page}/`}#rec-${encodeURIComponent(id)}`;
}
