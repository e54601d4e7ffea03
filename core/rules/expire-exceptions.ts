import type { ChangeSet, State } from '../model/state.ts';
import { addDays, type Instant, instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { exceptionStatuses } from './exception-status.ts';

/**
 * R-EXC-4: record the expiry of every exception past its last day that has no expiry event yet, so
 * running it twice adds nothing. Expiry is derived from the date, so no row changes; the event is
 * dated at the moment the exception stopped being in effect (the start of the day after
 * `expiresOn`, UTC), not when this ran, and is the same whenever it runs.
 */
export function expireExceptions(state: State, now: Instant): ChangeSet {
  const recorded = new Set(
    state.events.flatMap((e) => (e.type === 'exception.expired' ? [e.exceptionId] : [])),
  );
  const statuses = exceptionStatuses(state.exceptions, now);
  const events = state.exceptions
    .filter((e) => statuses.get(e.id) === 'Expired' && !recorded.has(e.id))
    .map((e) =>
      auditEvent(
        { type: 'exception.expired', exceptionId: e.id },
        instant(addDays(e.expiresOn, 1)),
        'system',
      ),
    );
  return { events };
}
