import type { Brand } from './brand.ts';

export type RecommendationId = Brand<string, 'RecommendationId'>;
export type ActivityId = Brand<string, 'ActivityId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type TaskId = Brand<string, 'TaskId'>;
export type ExceptionId = Brand<string, 'ExceptionId'>;
export type EventId = Brand<string, 'EventId'>;
/** A device group (the vendor's `rbacGroupName`). */
export type DeviceGroupName = Brand<string, 'DeviceGroupName'>;
export type Email = Brand<string, 'Email'>;

/** Why an id was refused; the codecs turn this into a located InputError. */
export class IdError extends Error {
  override readonly name = 'IdError';
}

// Ids arrive from messy exports: vendor activity ids are not always valid GUIDs, so we only
// refuse what cannot be an id at all (empty, control characters, absurd length).
const CONTROL = /[\u0000-\u001f\u007f]/;
function plain(kind: string, raw: string, max = 512): string {
  const s = raw.trim();
  if (s === '') throw new IdError(`${kind} is empty`);
  if (s.length > max) throw new IdError(`${kind} is longer than ${max} characters`);
  if (CONTROL.test(s)) throw new IdError(`${kind} contains control characters`);
  return s;
}

export const recommendationId = (raw: string): RecommendationId =>
  plain('recommendation id', raw) as RecommendationId;
export const activityId = (raw: string): ActivityId => plain('activity id', raw) as ActivityId;
export const taskId = (raw: string): TaskId => plain('task id', raw) as TaskId;
export const exceptionId = (raw: string): ExceptionId => plain('exception id', raw) as ExceptionId;
export const eventId = (raw: string): EventId => plain('event id', raw) as EventId;
export const deviceGroupName = (raw: string): DeviceGroupName =>
  plain('device group', raw, 256) as DeviceGroupName;

const HEX40 = /^[0-9a-f]{40}$/;
/** Device ids are 40 hex characters (a SHA-1); case is normalised to lower. */
export function deviceId(raw: string): DeviceId {
  const s = raw.trim().toLowerCase();
  if (!HEX40.test(s)) throw new IdError(`device id "${raw.slice(0, 60)}" is not 40 hex characters`);
  return s as DeviceId;
}

// Deliberately loose: one @, something on both sides, no spaces. Mail servers decide the rest.
const EMAIL = /^[^\s@]+@[^\s@]+$/;
export function email(raw: string): Email {
  const s = raw.trim();
  if (!EMAIL.test(s) || s.length > 320) throw new IdError(`"${raw.slice(0, 60)}" is not an email address`);
  return s as Email;
}

/** The vendor's group for devices in no group; ours too for a device we know no group of (PD). */
export const UNASSIGNED_GROUP: DeviceGroupName = deviceGroupName('UnassignedGroup');
