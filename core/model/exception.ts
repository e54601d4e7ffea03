import type { DeviceGroupName, Email, ExceptionId, RecommendationId } from './ids.ts';
import type { CalendarDate, Instant } from './time.ts';

/** R-EXC-1. Only the first two reduce exposure (R-EXC-5). */
export const JUSTIFICATIONS = [
  'ThirdPartyControl',
  'AlternateMitigation',
  'RiskAccepted',
  'PlannedRemediation',
] as const;
export type Justification = (typeof JUSTIFICATIONS)[number];

export type NonEmptyArray<T> = readonly [T, ...T[]];

/** R-EXC-2: global covers every current and future group; otherwise a non-empty set of groups. */
export type ExceptionScope =
  | { readonly kind: 'global' }
  | { readonly kind: 'groups'; readonly groups: NonEmptyArray<DeviceGroupName> };

export interface Cancellation {
  readonly on: Instant;
  readonly by: Email | 'system';
}

export interface RemediationException {
  readonly id: ExceptionId;
  readonly recommendationId: RecommendationId;
  readonly justification: Justification;
  readonly context: string;
  readonly createdOn: Instant;
  readonly createdBy: Email | 'system';
  /** The last day it is in effect. */
  readonly expiresOn: CalendarDate;
  readonly scope: ExceptionScope;
  /** Canceled for all groups (R-EXC-4); null while not canceled. */
  readonly canceled: Cancellation | null;
  /** Groups canceled one by one (group scope only). */
  readonly canceledGroups: readonly (Cancellation & { readonly group: DeviceGroupName })[];
}

/** R-EXC-3/4: what an exception (or one of its groups) is, at a moment. Derived, never stored. */
export const EXCEPTION_STATUSES = ['InEffect', 'Suspended', 'Expired', 'Canceled'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
