import { compareText } from '../model/canonical-order.ts';
import type { RemediationException } from '../model/exception.ts';
import type { IdSource } from '../model/id-source.ts';
import type { DeviceGroupName, Email } from '../model/ids.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { ChangeSet } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { exceptionStatus } from './exception-status.ts';

type GroupCancellation = RemediationException['canceledGroups'][number];

/** The groups canceled, with `c` in place of any for its group, in group order (one order on every side). */
export const withGroupCanceled = (
  list: readonly GroupCancellation[],
  c: GroupCancellation,
): GroupCancellation[] =>
  [...list.filter((x) => x.group !== c.group), c].sort((p, q) => compareText(p.group, q.group));

/**
 * R-EXC-4: cancel an exception for all its groups (`group` null) or for one group, recording who
 * and when. Canceling the last group still in it cancels the whole exception. An exception that
 * has already expired or been canceled cannot be canceled; a suspended one can.
 */
export function cancelException(
  exc: RemediationException,
  group: DeviceGroupName | null,
  actor: Email,
  now: Instant,
  ids?: IdSource,
): Result<ChangeSet> {
  // Suspension does not matter here, so the other exceptions are not needed.
  const status = exceptionStatus(exc, now, []);
  if (status === 'Expired' || status === 'Canceled') {
    return fail({ field: 'exception', message: `the exception is already ${status.toLowerCase()}` });
  }
  const cancellation = { on: now, by: actor };
  let updated: RemediationException;
  if (group === null) {
    updated = { ...exc, canceled: cancellation };
  } else {
    if (exc.scope.kind === 'global') {
      return fail({ field: 'group', message: 'a global exception has no groups: cancel it whole' });
    }
    if (!exc.scope.groups.includes(group)) {
      return fail({ field: 'group', message: `the exception does not cover device group "${group}"` });
    }
    if (exc.canceledGroups.some((c) => c.group === group)) {
      return fail({
        field: 'group',
        message: `the exception is already canceled for device group "${group}"`,
      });
    }
    const canceledGroups = withGroupCanceled(exc.canceledGroups, { ...cancellation, group });
    const remaining = exc.scope.groups.filter((g) => !canceledGroups.some((c) => c.group === g));
    updated = { ...exc, canceledGroups, canceled: remaining.length === 0 ? cancellation : null };
  }
  const event = auditEvent(
    // The group canceled, even the last one: the event says what the user did; that the whole
    // exception ends with its last group is the rule's consequence (and the merge's, R-MERGE-5).
    { type: 'exception.canceled', exceptionId: exc.id, group },
    now,
    actor,
    ids,
  );
  return ok({ put: { exceptions: [updated] }, events: [event] });
}
