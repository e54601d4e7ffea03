import type { ExceptionStatus, RemediationException } from '../model/exception.ts';
import type { DeviceGroupName, ExceptionId, RecommendationId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import { type CalendarDate, dayOf, type Instant } from '../model/time.ts';

/** Canceled (whole, or every group one by one) or past its last day; null while neither. */
function ended(exc: RemediationException, today: CalendarDate): 'Canceled' | 'Expired' | null {
  if (exc.canceled !== null) return 'Canceled';
  if (exc.scope.kind === 'groups') {
    const canceled = new Set(exc.canceledGroups.map((c) => c.group));
    if (exc.scope.groups.every((g) => canceled.has(g))) return 'Canceled';
  }
  return today > exc.expiresOn ? 'Expired' : null;
}

/** Recommendations whose global exception is in effect: their group exceptions are suspended (R-EXC-3). */
function globallyExcepted(all: readonly RemediationException[], today: CalendarDate): Set<RecommendationId> {
  const recs = new Set<RecommendationId>();
  for (const e of all)
    if (e.scope.kind === 'global' && ended(e, today) === null) recs.add(e.recommendationId);
  return recs;
}

function statusGiven(
  exc: RemediationException,
  today: CalendarDate,
  suspending: ReadonlySet<RecommendationId>,
): ExceptionStatus {
  const end = ended(exc, today);
  if (end !== null) return end;
  return exc.scope.kind === 'groups' && suspending.has(exc.recommendationId) ? 'Suspended' : 'InEffect';
}

/**
 * R-EXC-3/R-EXC-4: the status of an exception at `now`, given all exceptions (a global one in
 * effect for the same recommendation suspends group ones). Expiry wins over suspension, so a group
 * exception whose own expiry passes while suspended does not come back.
 */
export function exceptionStatus(
  exc: RemediationException,
  now: Instant,
  all: readonly RemediationException[],
): ExceptionStatus {
  const today = dayOf(now);
  const sameRec = all.filter((e) => e.recommendationId === exc.recommendationId);
  return statusGiven(exc, today, globallyExcepted(sameRec, today));
}

/** The status of every exception at `now`, in one pass (what lists and figures need). */
export function exceptionStatuses(
  all: readonly RemediationException[],
  now: Instant,
): ReadonlyMap<ExceptionId, ExceptionStatus> {
  const today = dayOf(now);
  const suspending = globallyExcepted(all, today);
  return new Map(all.map((e) => [e.id, statusGiven(e, today, suspending)]));
}

export interface GroupStatus {
  readonly group: DeviceGroupName;
  readonly status: ExceptionStatus;
}

/**
 * R-EXC-4: the status of each group of a group exception (a group canceled alone is Canceled for
 * that group, the others keep the exception's status). A global exception has no groups: [].
 */
export function groupStatuses(
  exc: RemediationException,
  now: Instant,
  all: readonly RemediationException[],
): readonly GroupStatus[] {
  if (exc.scope.kind === 'global') return [];
  const whole = exceptionStatus(exc, now, all);
  const canceled = new Set(exc.canceledGroups.map((c) => c.group));
  return exc.scope.groups.map((group) => ({ group, status: canceled.has(group) ? 'Canceled' : whole }));
}

/** Exceptions in effect at `now` (suspended ones are not). */
export function exceptionsInEffect(state: State, now: Instant): readonly RemediationException[] {
  const statuses = exceptionStatuses(state.exceptions, now);
  return state.exceptions.filter((e) => statuses.get(e.id) === 'InEffect');
}

/** What is excepted for one recommendation at a moment. */
export interface Coverage {
  /** Global exceptions in effect: they cover every group, present and future. */
  readonly global: readonly RemediationException[];
  /** Per group, the group exceptions in effect for it: not suspended, not canceled for that group. */
  readonly groups: ReadonlyMap<DeviceGroupName, readonly RemediationException[]>;
}

/** Per recommendation, the exceptions in effect at `now` and what they cover (R-EXC-5, R-EXC-6). */
export function coverageInEffect(
  all: readonly RemediationException[],
  now: Instant,
): ReadonlyMap<RecommendationId, Coverage> {
  const statuses = exceptionStatuses(all, now);
  const out = new Map<
    RecommendationId,
    { global: RemediationException[]; groups: Map<DeviceGroupName, RemediationException[]> }
  >();
  for (const e of all) {
    if (statuses.get(e.id) !== 'InEffect') continue;
    let cov = out.get(e.recommendationId);
    if (!cov) {
      cov = { global: [], groups: new Map() };
      out.set(e.recommendationId, cov);
    }
    if (e.scope.kind === 'global') {
      cov.global.push(e);
      continue;
    }
    const canceled = new Set(e.canceledGroups.map((c) => c.group));
    for (const g of e.scope.groups) {
      if (canceled.has(g)) continue;
      const list = cov.groups.get(g);
      if (list) list.push(e);
      else cov.groups.set(g, [e]);
    }
  }
  return out;
}
