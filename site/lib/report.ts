/**
 * Everything the pages show, computed once per build from the archive by core's rules. The site
 * only indexes and arranges: every figure (counts, overdue, progress, statuses) comes from core.
 */
import {
  type Activity,
  type ActivityDevice,
  type ActivityId,
  type AuditEvent,
  completedBetween,
  type Device,
  type DeviceId,
  diffStates,
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
  recommendationStatus,
  type StateDiff,
  summarize,
  type TopEntry,
  topActivities,
} from '../../core/index.ts';
import { type Archive, loadArchive } from './load-archive.ts';
import { pageOfIndex, RECOMMENDATIONS_PER_PAGE } from './pages.ts';
import { slugOf } from './slug.ts';

export interface Report {
  readonly archive: Archive;
  readonly figures: Figures;
  /** Completed since the previous snapshot; null when there is none to compare with. */
  readonly completedInPeriod: number | null;
  /** R-TOP-1, in core's order: active activities most urgent first. */
  readonly top: readonly TopEntry[];
  /** Active ones most urgent first, then completed ones most recent first. */
  readonly activities: readonly Activity[];
  readonly slugs: ReadonlyMap<ActivityId, string>;
  readonly recommendations: ReadonlyMap<RecommendationId, Recommendation>;
  readonly devices: ReadonlyMap<DeviceId, Device>;
  readonly tasks: ReadonlyMap<ActivityId, IntuneTask>;
  readonly devicesOf: ReadonlyMap<ActivityId, readonly ActivityDevice[]>;
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
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K | null): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const eventActivity = (e: AuditEvent): ActivityId | null => ('activityId' in e ? e.activityId : null);

export function buildReport(archive: Archive): Report {
  const { state, at: now } = archive.latest;
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
  return {
    archive,
    figures: summarize(state, now),
    completedInPeriod: prev ? completedBetween(state, prev.at, now).length : null,
    top,
    activities,
    slugs: new Map(state.activities.map((a) => [a.id, slugOf(a.id)])),
    recommendations: new Map(state.recommendations.map((r) => [r.id, r])),
    devices: new Map(state.devices.map((d) => [d.id, d])),
    tasks: new Map(state.tasks.map((t) => [t.activityId, t])),
    devicesOf: groupBy(state.activityDevices, (d) => d.activityId),
    eventsOf: groupBy(state.events, eventActivity),
    exceptionStatus: exceptionStatuses(state.exceptions, now),
    exposure,
    recommendationStatus: new Map(
      state.recommendations.map((r) => [r.id, recommendationStatus(r, state, now)]),
    ),
    diff: prev ? diffStates(prev.state, state, prev.at, now) : null,
    recommendationOrder,
    recommendationIndex: new Map(recommendationOrder.map((rec, k) => [rec.id, k])),
    activitiesOfRecommendation: groupBy(activities, (a) => a.recommendationId),
    exceptionsOfRecommendation: groupBy(state.exceptions, (e) => e.recommendationId),
  };
}

const reports = new WeakMap<Archive, Report>();
/** The report of this build's archive, computed once however many pages ask. */
export async function loadReport(): Promise<Report> {
  const archive = await loadArchive();
  let report = reports.get(archive);
  if (!report) {
    report = buildReport(archive);
    reports.set(archive, report);
  }
  return report;
}

/** Where a recommendation is listed: its page of the recommendations list and its row. */
export function recommendationPath(r: Report, id: RecommendationId): string {
  const page = pageOfIndex(r.recommendationIndex.get(id) ?? 0, RECOMMENDATIONS_PER_PAGE);
  return `recommendations/${page === 1 ? '' : `page/${page}/`}#rec-${encodeURIComponent(id)}`;
}
