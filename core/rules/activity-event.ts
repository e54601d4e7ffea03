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
  const id = eventId(ids ? ids.next('event') : derivedEventId(body, at));
  return { ...body, id, at, actor } as AuditEvent;
}

function derivedEventId(body: EventBody, at: Instant): string {
  switch (body.type) {
    case 'task.created':
      return `${body.type}:${body.taskId}@${at}`;
    // Task statuses only move forward, so (task, new status) happens once.
    case 'task.status':
      return `${body.type}:${body.taskId}:${body.to}@${at}`;
    // Two imports at the same instant can move the same activity; the changes tell them apart.
    case 'activity.progress':
      return `${body.type}:${body.activityId}:${fnv1a(body.changed.map((c) => `${c.deviceId}=${c.state}`).join(','))}@${at}`;
    // Groups of one exception can be canceled at the same instant.
    case 'exception.canceled':
      return `${body.type}:${body.exceptionId}:${body.group ?? '*'}@${at}`;
    case 'exception.created':
    case 'exception.expired':
      return `${body.type}:${body.exceptionId}@${at}`;
    default:
      return `${body.type}:${body.activityId}@${at}`;
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
