import type { Activity, ActivityDevice } from './activity.ts';
import type { AuditEvent } from './audit-event.ts';
import type { RemediationException } from './exception.ts';
import type { Email } from './ids.ts';
import type { IntuneTask } from './intune-task.ts';
import type { Instant } from './time.ts';

/**
 * The audit events (R-HIST-1) an admin's own actions make: what travels from an extension to the
 * team's archive. Everything else (imports, progress, automatic completion, expiry, retention) the
 * archive works out from its own data, the same way on every side.
 */
export const USER_CHANGE_TYPES = [
  'activity.created',
  'task.created',
  'task.status',
  'activity.completed',
  'exception.created',
  'exception.canceled',
] as const;
export type UserChangeType = (typeof USER_CHANGE_TYPES)[number];

const TRAVELS: ReadonlySet<string> = new Set(USER_CHANGE_TYPES);
export const isUserChangeType = (type: string): type is UserChangeType => TRAVELS.has(type);

type EventOf<T extends AuditEvent['type']> = Extract<AuditEvent, { readonly type: T }>;

/**
 * One change an admin made: its audit event, with the rows it created as they were created. A change
 * to something that exists (a ticket status, a completion, a cancellation) is its event alone: the
 * archive applies it to its own row by the merge rules (R-MERGE-*).
 */
export type BundleChange =
  | {
      readonly event: EventOf<'activity.created'>;
      readonly activity: Activity;
      readonly devices: readonly ActivityDevice[];
    }
  | { readonly event: EventOf<'task.created'>; readonly task: IntuneTask }
  | { readonly event: EventOf<'exception.created'>; readonly exception: RemediationException }
  | { readonly event: EventOf<'task.status' | 'activity.completed' | 'exception.canceled'> };

/** A state of the team's archive: which archive (see `archiveIdOf`) and which of its snapshots. */
export interface TeamStateRef {
  readonly archive: string;
  readonly snapshot: string;
}

/**
 * What one admin did in one extension install, since the team state it started from (null when it
 * never loaded one), as it leaves the extension (R-MERGE-1).
 */
export interface ChangeBundle {
  readonly admin: Email;
  /** The extension install's own id: one admin may use several browsers. */
  readonly install: string;
  readonly base: TeamStateRef | null;
  readonly createdAt: Instant;
  readonly changes: readonly BundleChange[];
}
