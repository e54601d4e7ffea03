/**
 * Writes the explorer's data files (explorer-file.ts) from a state: which activities and
 * exceptions cover each device is core's rule (`deviceCoverage`); this only orders, interns and
 * packs what it says.
 */
import {
  ACTIVITY_DEVICE_STATES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type Activity,
  compareText,
  deviceCoverage,
  EXCEPTION_STATUSES,
  exceptionStatuses,
  type Instant,
  isTracked,
  PRIORITIES,
  type RecommendationId,
  type State,
} from '../../core/index.ts';
import { EXPLORER_FORMAT, type ExplorerFile, packActivity, packException } from './explorer-file.ts';
import { type Report, recommendationPath } from './report.ts';
import { slugOf } from './slug.ts';

/** What the site adds to the state: the activities' order and the addresses of its pages. */
export interface ExplorerSite {
  /** Every activity of the state, in the order the explorer lists them. */
  readonly activities: readonly Activity[];
  /** A recommendation's address under a language's home. */
  readonly recommendationPath: (id: RecommendationId) => string;
}

/** Each value's place in a list, for the entries that name it. */
const places = <T>(list: readonly T[]): Map<T, number> => new Map(list.map((v, k) => [v, k]));

/** What `map` holds for `key`, which it holds by construction: a miss is a fault of this code. */
function held<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`the explorer's index lost ${String(key)}`);
  return value;
}

export interface ExplorerFiles {
  readonly index: ExplorerFile;
  /** The devices' ids end to end, in the index's order of devices. */
  readonly deviceIds: string;
}

export function explorerFiles(state: State, now: Instant, site: ExplorerSite): ExplorerFiles {
  // By name (then id): neighbours share most of their name, which gzip turns into little.
  const coverage = [...deviceCoverage(state, now)].sort(
    (a, b) => compareText(a.name ?? '', b.name ?? '') || compareText(a.deviceId, b.deviceId),
  );
  const named = new Set<string>([
    ...state.activities.flatMap((a) => a.rbacGroupNames),
    ...state.exceptions.flatMap((e) => (e.scope.kind === 'groups' ? e.scope.groups : [])),
  ]);
  for (const d of coverage) named.add(d.group);
  const groups = [...named].sort();
  const group = places<string>(groups);
  const groupPlace = (g: string) => held(group, g);
  const recommendation = places<string>(state.recommendations.map((r) => r.id));
  // An activity or exception may name a recommendation the snapshot does not hold.
  const recommendationPlace = (id: string | null) => (id === null ? -1 : (recommendation.get(id) ?? -1));
  const activity = places<string>(site.activities.map((a) => a.id));
  const statuses = exceptionStatuses(state.exceptions, now);
  const exception = places<string>(state.exceptions.map((e) => e.id));
  const legend = { deviceStates: ACTIVITY_DEVICE_STATES, exceptionStatuses: EXCEPTION_STATUSES };
  const status = places<string>(ACTIVITY_STATUSES);
  const type = places<string>(ACTIVITY_TYPES);
  const priority = places<string>(PRIORITIES);

  // One pass over the devices, pushing: an array per device, or one per field, was most of the
  // time at 100,000 devices.
  const names: string[] = [];
  const deviceGroups: number[] = [];
  const activityCounts: number[] = [];
  const activityEntries: number[] = [];
  const exceptionCounts: number[] = [];
  const exceptionEntries: number[] = [];
  const deviceIds: string[] = [];
  for (const d of coverage) {
    names.push(d.name ?? '');
    deviceGroups.push(groupPlace(d.group));
    deviceIds.push(d.deviceId);
    activityCounts.push(d.activities.length);
    for (const a of d.activities) {
      activityEntries.push(packActivity(legend, { activity: held(activity, a.activityId), state: a.state }));
    }
    exceptionCounts.push(d.exceptions.length);
    for (const e of d.exceptions) {
      const entry = {
        exception: held(exception, e.exceptionId),
        status: e.status,
        coversGroup: e.coversGroup,
      };
      exceptionEntries.push(packException(legend, entry));
    }
  }
  const index: ExplorerFile = {
    format: EXPLORER_FORMAT,
    groups,
    activityStatuses: ACTIVITY_STATUSES,
    activityTypes: ACTIVITY_TYPES,
    priorities: PRIORITIES,
    ...legend,
    recommendations: {
      ids: state.recommendations.map((r) => r.id),
      names: state.recommendations.map((r) => r.recommendationName),
      paths: state.recommendations.map((r) => site.recommendationPath(r.id)),
    },
    activities: {
      titles: site.activities.map((a) => a.title),
      slugs: site.activities.map((a) => slugOf(a.id)),
      status: site.activities.map((a) => held(status, a.status)),
      type: site.activities.map((a) => held(type, a.type)),
      priority: site.activities.map((a) => held(priority, a.priority)),
      groups: site.activities.map((a) => a.rbacGroupNames.map(groupPlace)),
      recommendation: site.activities.map((a) => recommendationPlace(a.recommendationId)),
      due: site.activities.map((a) => (isTracked(a) ? a.dueOn : null)),
    },
    exceptions: {
      recommendation: state.exceptions.map((e) => recommendationPlace(e.recommendationId)),
      justification: state.exceptions.map((e) => e.justification),
      status: state.exceptions.map((e) => held(statuses, e.id)),
      groups: state.exceptions.map((e) =>
        e.scope.kind === 'global' ? null : e.scope.groups.map(groupPlace),
      ),
      expires: state.exceptions.map((e) => e.expiresOn),
    },
    devices: {
      names,
      group: deviceGroups,
      activityCounts,
      activityEntries,
      exceptionCounts,
      exceptionEntries,
    },
  };
  return { index, deviceIds: deviceIds.join('') };
}

// Both files come from one computation, made once per report however many files ask.
const ofReport = new WeakMap<Report, ExplorerFiles>();

/** The explorer's files of the report being rendered. */
export function reportExplorerFiles(r: Report): ExplorerFiles {
  let files = ofReport.get(r);
  if (files === undefined) {
    files = explorerFiles(r.archive.latest.state, r.at, {
      activities: r.activities,
      recommendationPath: (id) => recommendationPath(r, id),
    });
    ofReport.set(r, files);
  }
  return files;
}
