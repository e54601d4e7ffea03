/**
 * What the remediation page's two tables show: the activities and the exceptions a team's filters,
 * search and sort leave. Pure, so the tables redraw from the worker's views without asking it again.
 */
import { type ExceptionStatus, type Justification, PRIORITIES, type Priority } from '../../../core/index.ts';
import type { ActivityView, ExceptionView } from '../../shared/views.ts';

export type SortDirection = 'ascending' | 'descending';
export interface Sort<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

/** `''` in a choice means "any". */
export interface ActivityFilter {
  readonly search: string;
  readonly status: '' | 'Active' | 'Completed';
  readonly priority: '' | Priority;
  readonly group: string;
  readonly requester: string;
  readonly overdueOnly: boolean;
}

export const NO_ACTIVITY_FILTER: ActivityFilter = {
  search: '',
  status: '',
  priority: '',
  group: '',
  requester: '',
  overdueOnly: false,
};

export interface ExceptionFilter {
  readonly search: string;
  readonly status: '' | ExceptionStatus;
  readonly justification: '' | Justification;
  readonly createdBy: string;
}

export const NO_EXCEPTION_FILTER: ExceptionFilter = {
  search: '',
  status: '',
  justification: '',
  createdBy: '',
};

export type ActivitySortKey =
  | 'title'
  | 'status'
  | 'priority'
  | 'requester'
  | 'createdOn'
  | 'dueOn'
  | 'progress';
export type ExceptionSortKey = 'recommendation' | 'status' | 'createdBy' | 'createdOn' | 'expiresOn';

/** Newest first, as the worker lists them: what a user looks for after acting. */
export const DEFAULT_ACTIVITY_SORT: Sort<ActivitySortKey> = { key: 'createdOn', direction: 'descending' };
export const DEFAULT_EXCEPTION_SORT: Sort<ExceptionSortKey> = { key: 'createdOn', direction: 'descending' };

/** A request without a requester (imported from the vendor without one) is filtered under this. */
export const NO_REQUESTER = '-';

const matches = (text: string, search: string): boolean =>
  search.trim() === '' || text.toLocaleLowerCase().includes(search.trim().toLocaleLowerCase());

export const requesterOf = (v: ActivityView): string => v.activity.requesterEmail ?? NO_REQUESTER;

/**
 * An activity for every device group (an empty group list) covers any group chosen in the filter:
 * filtering by "Servers" must not hide the request that covers the Servers too.
 */
const coversGroup = (v: ActivityView, group: string): boolean =>
  v.activity.rbacGroupNames.length === 0 || v.activity.rbacGroupNames.includes(group as never);

export function filterActivities(list: readonly ActivityView[], f: ActivityFilter): ActivityView[] {
  return list.filter(
    (v) =>
      matches(`${v.activity.title} ${v.recommendationName ?? ''}`, f.search) &&
      (f.status === '' || v.activity.status === f.status) &&
      (f.priority === '' || v.activity.priority === f.priority) &&
      (f.group === '' || coversGroup(v, f.group)) &&
      (f.requester === '' || requesterOf(v) === f.requester) &&
      (!f.overdueOnly || v.overdue),
  );
}

export function filterExceptions(list: readonly ExceptionView[], f: ExceptionFilter): ExceptionView[] {
  return list.filter(
    (v) =>
      matches(`${v.recommendationName ?? ''} ${v.exception.recommendationId}`, f.search) &&
      (f.status === '' || v.status === f.status) &&
      (f.justification === '' || v.justification === f.justification) &&
      (f.createdBy === '' || v.exception.createdBy === f.createdBy),
  );
}

/** The value each column sorts by; null (no due date, no progress) always sorts last. */
const activityKey: Record<ActivitySortKey, (v: ActivityView) => string | number | null> = {
  title: (v) => v.activity.title.toLocaleLowerCase(),
  status: (v) => v.activity.status,
  // Core lists the priorities highest first: ascending puts High on top.
  priority: (v) => PRIORITIES.indexOf(v.activity.priority),
  requester: (v) => v.activity.requesterEmail?.toLocaleLowerCase() ?? null,
  createdOn: (v) => v.activity.createdOn,
  dueOn: (v) => (v.activity.type === 'AttentionRequired' ? null : v.activity.dueOn),
  progress: (v) =>
    v.activity.type === 'AttentionRequired'
      ? null
      : v.activity.progress.fixedDevices / Math.max(1, v.activity.progress.targetDevices),
};

const exceptionKey: Record<ExceptionSortKey, (v: ExceptionView) => string | number | null> = {
  recommendation: (v) => (v.recommendationName ?? v.exception.recommendationId).toLocaleLowerCase(),
  status: (v) => v.status,
  createdBy: (v) => v.exception.createdBy.toLocaleLowerCase(),
  createdOn: (v) => v.exception.createdOn,
  expiresOn: (v) => v.exception.expiresOn,
};

function sortBy<T>(list: readonly T[], key: (v: T) => string | number | null, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  // Stable: rows that tie keep the worker's order (newest first).
  return list
    .map((v, i) => ({ v, i, k: key(v) }))
    .sort((a, b) => {
      if (a.k === b.k) return a.i - b.i;
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      return (a.k < b.k ? -1 : 1) * sign;
    })
    .map((x) => x.v);
}

export const sortActivities = (list: readonly ActivityView[], s: Sort<ActivitySortKey>): ActivityView[] =>
  sortBy(list, activityKey[s.key], s.direction);

export const sortExceptions = (list: readonly ExceptionView[], s: Sort<ExceptionSortKey>): ExceptionView[] =>
  sortBy(list, exceptionKey[s.key], s.direction);

/** A click on the sorted column turns it around; on another column sorts by it, ascending. */
export const nextSort = <K extends string>(current: Sort<K>, key: K): Sort<K> =>
  current.key === key
    ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
    : { key, direction: 'ascending' };

/** The values the filters offer: only those present in the list, sorted. */
export function activityChoices(list: readonly ActivityView[]): {
  readonly groups: readonly string[];
  readonly requesters: readonly string[];
} {
  const groups = new Set<string>();
  const requesters = new Set<string>();
  for (const v of list) {
    for (const g of v.activity.rbacGroupNames) groups.add(g);
    requesters.add(requesterOf(v));
  }
  return { groups: [...groups].sort(), requesters: [...requesters].sort() };
}

export const exceptionCreators = (list: readonly ExceptionView[]): readonly string[] =>
  [...new Set(list.map((v) => v.exception.createdBy))].sort();
