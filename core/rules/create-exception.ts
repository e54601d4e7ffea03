import {
  type ExceptionScope,
  JUSTIFICATIONS,
  type Justification,
  type RemediationException,
} from '../model/exception.ts';
import type { IdSource } from '../model/id-source.ts';
import { type DeviceGroupName, type Email, exceptionId, type RecommendationId } from '../model/ids.ts';
import { type FieldError, fail, ok, type Result } from '../model/result.ts';
import type { ChangeSet, State } from '../model/state.ts';
import { addDays, type CalendarDate, calendarDate, dayOf, type Instant, TimeError } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { exceptionStatuses, groupStatuses } from './exception-status.ts';
import { exposedGroupsOf } from './request-form.ts';

/** R-EXC-1 (PD): the expiry choices offered besides a chosen date. */
export const EXPIRY_DAY_CHOICES = [30, 60, 90] as const;
export const EXCEPTION_CONTEXT_MAX = 1000;

export type ExpiryChoice =
  | { readonly days: (typeof EXPIRY_DAY_CHOICES)[number] }
  | { readonly on: CalendarDate };

export type ScopeChoice =
  | { readonly kind: 'global' }
  | { readonly kind: 'groups'; readonly groups: readonly DeviceGroupName[] };

export interface ExceptionInput {
  readonly recommendationId: RecommendationId;
  readonly justification: Justification;
  readonly context: string;
  readonly expiry: ExpiryChoice;
  readonly scope: ScopeChoice;
}

export interface CreateExceptionContext {
  readonly state: State;
  readonly now: Instant;
  readonly actor: Email;
  readonly ids: IdSource;
  /** Domain §5: only an administrator may create a global exception. */
  readonly isAdmin: boolean;
}

/**
 * R-EXC-1 (PD): the last allowed expiry day, one calendar year from today. 29 February maps to
 * 28 February so the limit never exceeds a year.
 */
export function latestExpiry(now: Instant): CalendarDate {
  const today = dayOf(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + 1, m - 1, Math.min(d, lastOfMonth)))
    .toISOString()
    .slice(0, 10) as CalendarDate;
}

const expiryDate = (expiry: ExpiryChoice, now: Instant): CalendarDate =>
  'days' in expiry ? addDays(dayOf(now), expiry.days) : expiry.on;

/** Every device group in the data now, sorted. */
function existingGroups(state: State): readonly DeviceGroupName[] {
  return [...new Set(state.devices.map((d) => d.rbacGroupName))].sort();
}

/** Groups with a group exception for the recommendation that is in effect or suspended (it will resume). */
function groupsWithException(
  state: State,
  recommendationId: RecommendationId,
  now: Instant,
): Set<DeviceGroupName> {
  const covered = new Set<DeviceGroupName>();
  for (const e of state.exceptions) {
    if (e.recommendationId !== recommendationId) continue;
    for (const { group, status } of groupStatuses(e, now, state.exceptions)) {
      if (status === 'InEffect' || status === 'Suspended') covered.add(group);
    }
  }
  return covered;
}

/** R-EXC-2: the groups a new group exception may name — those existing now without one already. */
export function offeredExceptionGroups(
  state: State,
  recommendationId: RecommendationId,
  now: Instant,
): readonly DeviceGroupName[] {
  const covered = groupsWithException(state, recommendationId, now);
  return existingGroups(state).filter((g) => !covered.has(g));
}

/**
 * R-EXC-2: full when the scope covers every group the recommendation's exposed devices are in now
 * (a global scope always does), partial otherwise.
 */
export function exceptionCoverage(
  state: State,
  recommendationId: RecommendationId,
  scope: ScopeChoice,
): 'full' | 'partial' {
  if (scope.kind === 'global') return 'full';
  const chosen = new Set(scope.groups);
  for (const g of exposedGroupsOf(state, recommendationId)) if (!chosen.has(g)) return 'partial';
  return 'full';
}

function checkScope(input: ExceptionInput, ctx: CreateExceptionContext): Result<ExceptionScope> {
  const { scope, recommendationId } = input;
  if (scope.kind === 'global') {
    if (!ctx.isAdmin) return fail({ field: 'scope', message: 'a global exception needs an administrator' });
    const statuses = exceptionStatuses(ctx.state.exceptions, ctx.now);
    const already = ctx.state.exceptions.some(
      (e) =>
        e.recommendationId === recommendationId &&
        e.scope.kind === 'global' &&
        statuses.get(e.id) === 'InEffect',
    );
    return already
      ? fail({ field: 'scope', message: 'a global exception is already in effect for this recommendation' })
      : ok({ kind: 'global' });
  }
  const [first, ...rest] = [...new Set(scope.groups)];
  if (first === undefined)
    return fail({ field: 'scope.groups', message: 'choose at least one device group' });
  const existing = new Set(existingGroups(ctx.state));
  const covered = groupsWithException(ctx.state, recommendationId, ctx.now);
  const errors: FieldError[] = [];
  for (const g of [first, ...rest]) {
    if (!existing.has(g))
      errors.push({ field: 'scope.groups', message: `device group "${g}" does not exist` });
    else if (covered.has(g))
      errors.push({
        field: 'scope.groups',
        message: `device group "${g}" already has an exception for this recommendation`,
      });
  }
  return errors.length > 0 ? fail(...errors) : ok({ kind: 'groups', groups: [first, ...rest] });
}

function checkExpiry(expiry: ExpiryChoice, now: Instant): Result<CalendarDate> {
  if ('days' in expiry && !EXPIRY_DAY_CHOICES.includes(expiry.days)) {
    return fail({ field: 'expiry.days', message: `choose ${EXPIRY_DAY_CHOICES.join(', ')} days or a date` });
  }
  const on = expiryDate(expiry, now);
  if (on < dayOf(now)) return fail({ field: 'expiry.on', message: 'the expiry date is in the past' });
  // A day core could not read back (past LIMITS.latestInstant) is no expiry either.
  try {
    calendarDate(on);
  } catch (e) {
    if (!(e instanceof TimeError)) throw e;
    return fail({ field: 'expiry.on', message: e.message });
  }
  const latest = latestExpiry(now);
  if (on > latest)
    return fail({
      field: 'expiry.on',
      message: `the expiry date is more than one year away (latest ${latest})`,
    });
  return ok(on);
}

/**
 * R-EXC-1/R-EXC-2: create an exception for one recommendation, with its audit event (R-HIST-1).
 * Every rejection names its field.
 */
export function createException(
  input: ExceptionInput,
  ctx: CreateExceptionContext,
): Result<{ readonly changes: ChangeSet; readonly exception: RemediationException }> {
  const { state, now, actor } = ctx;
  const errors: FieldError[] = [];
  const known =
    state.recommendations.some((r) => r.id === input.recommendationId) ||
    state.exposures.some((x) => x.recommendationId === input.recommendationId);
  if (!known) errors.push({ field: 'recommendationId', message: 'unknown recommendation' });
  if (!JUSTIFICATIONS.includes(input.justification)) {
    errors.push({ field: 'justification', message: `choose one of ${JUSTIFICATIONS.join(', ')}` });
  }
  if (input.context.length > EXCEPTION_CONTEXT_MAX) {
    errors.push({ field: 'context', message: `at most ${EXCEPTION_CONTEXT_MAX} characters` });
  }
  const expiresOn = checkExpiry(input.expiry, now);
  if (!expiresOn.ok) errors.push(...expiresOn.errors);
  const scope = checkScope(input, ctx);
  if (!scope.ok) errors.push(...scope.errors);
  if (!expiresOn.ok || !scope.ok || errors.length > 0) return fail(...errors);

  const exception: RemediationException = {
    id: exceptionId(ctx.ids.next('exception')),
    recommendationId: input.recommendationId,
    justification: input.justification,
    context: input.context,
    createdOn: now,
    createdBy: actor,
    expiresOn: expiresOn.value,
    scope: scope.value,
    canceled: null,
    canceledGroups: [],
  };
  const event = auditEvent({ type: 'exception.created', exceptionId: exception.id }, now, actor, ctx.ids);
  return ok({ changes: { put: { exceptions: [exception] }, events: [event] }, exception });
}
