import type { Actor, AuditEvent } from '../model/audit-event.ts';
import type { IdSource } from '../model/id-source.ts';
import { eventId } from '../model/ids.ts';
import type { Instant } from '../model/time.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An audit event without its id, time and actor: what a rule decides happened. */
export type EventBody = DistributiveOmit<AuditEvent, 'id' | 'at' | 'actor'>;

/**
 * R-HIST-1: wrap what happened into an event. With an IdSource the id is fresh; rules whose callers
 * hand them none (mark complete, task status, retention) get an id derived from what happened, so
 * replaying the same change yields the same event instead of a duplicate.
 */
export function auditEvent(body: EventBody, at: Instant, actor: Actor, ids?: IdSource): AuditEvent {
  const id = eventId(ids ? ids.next('event') : derivedEventId(body, at, actor));
  return { ...body, id, at, actor } as AuditEvent;
}

/**
 * Two admins may make the same change at the same instant, each in their own browser (R-MERGE-*):
 * a person's change names them, so their events never share an id.
 */
function derivedEventId(body: EventBody, at: Instant, actor: Actor): string {
  const of = (what: string) => `${body.type}:${what}${actor === 'system' ? '' : `~${actor}`}@${at}`;
  switch (body.type) {
    case 'task.created':
      return of(body.taskId);
    // Task statuses only move forward, so (task, new status) happens once.
    case 'task.status':
      return of(`${body.taskId}:${body.to}`);
    // Two imports at the same instant can move the same activity; the changes tell them apart.
    case 'activity.progress':
      return of(`${body.activityId}:${fnv1a(body.changed.map((c) => `${c.deviceId}=${c.state}`).join(','))}`);
    // Groups of one exception can be canceled at the same instant.
    case 'exception.canceled':
      return of(`${body.exceptionId}:${body.group ?? '*'}`);
    case 'exception.created':
    case 'exception.expired':
      return of(body.exceptionId);
    default:
      return of(body.activityId);
  }
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
