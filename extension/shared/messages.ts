/**
 * The one message protocol between the content script / extension pages and the service worker.
 * Requests are checked on receipt (`parseRequest`): an unknown or malformed message is refused and
 * logged, never executed. Request types are inferred from the validators below.
 */

import {
  ACTIVITY_TYPES,
  EXPIRY_DAY_CHOICES,
  JUSTIFICATIONS,
  PRIORITIES,
  TASK_STATUSES,
} from '../../core/index.ts';
import {
  arrayOf,
  bool,
  type Check,
  type Infer,
  nullable,
  object,
  oneOf,
  optional,
  str,
  variants,
} from './schema.ts';
import type { Settings } from './settings.ts';
import type {
  ActivityView,
  Counts,
  DashboardView,
  ExceptionView,
  RecommendationView,
  RequestOutcome,
} from './views.ts';

const id = str(512);
const address = str(2_000);
const day = str(40);
export const LANGUAGES = ['auto', 'en', 'zh-CN'] as const;

/** R-EXC-1: a day count is one of core's choices (schema's `oneOf` takes strings only). */
const expiryDays: Check<(typeof EXPIRY_DAY_CHOICES)[number]> = (v, p) => {
  const days = EXPIRY_DAY_CHOICES.find((d) => d === v);
  return days === undefined
    ? { ok: false, error: `${p}: expected one of ${EXPIRY_DAY_CHOICES.join('|')}` }
    : { ok: true, value: days };
};

const requests = {
  'settings.get': object({}),
  'settings.save': object({
    patch: object({
      email: optional(nullable(str(320))),
      intuneEnabled: optional(bool),
      language: optional(oneOf(...LANGUAGES)),
      reportAddress: optional(nullable(address)),
    }),
  }),
  /** R-DONE-2: the email is asked for once, on first use, from the overlay itself. */
  'settings.setEmail': object({ email: str(320) }),
  'counts.get': object({}),
  'dashboard.get': object({}),
  'recommendation.view': object({ recommendationId: nullable(id) }),
  'remediation.request': object({
    recommendationId: id,
    /** Not `type`: that names the message. */
    remediationType: oneOf(...ACTIVITY_TYPES),
    /** Empty: all device groups. */
    groups: arrayOf(str(256), 5_000),
    priority: oneOf(...PRIORITIES),
    dueOn: nullable(day),
    notes: str(5_000),
    intuneTask: bool,
  }),
  'exception.create': object({
    recommendationId: id,
    justification: oneOf(...JUSTIFICATIONS),
    context: str(5_000),
    expiry: variants({ days: object({ days: expiryDays }), on: object({ on: day }) }),
    scope: variants({ global: object({}), groups: object({ groups: arrayOf(str(256), 5_000) }) }),
  }),
  'exception.cancel': object({ exceptionId: id, group: nullable(str(256)) }),
  'exceptions.list': object({}),
  'activities.list': object({}),
  'activity.markComplete': object({ activityId: id, email: str(320) }),
  'task.setStatus': object({
    taskId: id,
    to: oneOf(...TASK_STATUSES),
    notes: str(5_000),
  }),
  'csv.activities': object({ activityIds: nullable(arrayOf(id, 100_000)) }),
  'csv.activityDevices': object({ activityId: id }),
  /** The file waits in the staging database (see staging.ts): files are too big for a message. */
  'import.staged': object({
    files: arrayOf(object({ stagingId: id, fileName: str(1_000) }), 10_000),
    partial: bool,
  }),
  'snapshot.export': object({}),
  'retention.run': object({}),
  /** R-MERGE-1: the team state the data started from, and what is pending. */
  'team.status': object({}),
  /** A team state file `remdesk export` wrote, waiting in the staging database. */
  'team.load': object({ stagingId: id, fileName: str(1_000), leaveOutPendingElsewhere: bool }),
  /** The team state the published report carries, at the address set (its origin already permitted). */
  'team.fetch': object({ address, leaveOutPendingElsewhere: bool }),
  /** The pending changes as a change bundle, staged for download. */
  'changes.export': object({}),
} satisfies Record<string, Check<object>>;

type Requests = typeof requests;
export type RequestType = keyof Requests;
export type Request = { [K in RequestType]: Infer<Requests[K]> & { type: K } }[RequestType];
export type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

/** What the worker answers to each request. */
export interface Responses {
  'settings.get': Settings;
  'settings.save': Settings;
  'settings.setEmail': Settings;
  'counts.get': Counts;
  'dashboard.get': DashboardView;
  'recommendation.view': RecommendationView;
  'remediation.request': RequestOutcome;
  'exception.create': { readonly exceptionId: string };
  'exception.cancel': null;
  'exceptions.list': readonly ExceptionView[];
  'activities.list': readonly ActivityView[];
  'activity.markComplete': null;
  'task.setStatus': null;
  'csv.activities': { readonly fileName: string; readonly csv: string };
  'csv.activityDevices': { readonly fileName: string; readonly csv: string };
  'import.staged': { readonly jobId: string };
  'snapshot.export': { readonly stagingId: string; readonly fileName: string };
  'retention.run': { readonly removed: number };
  'team.status': TeamStatus;
  'team.load': TeamLoaded;
  'team.fetch': TeamLoaded;
  'changes.export': { readonly stagingId: string; readonly fileName: string; readonly changes: number };
}

/** The team state this browser's data started from, and the admin's changes not yet in it. */
export interface TeamStatus {
  readonly team: {
    readonly archive: string;
    readonly snapshot: string;
    /** When the snapshot was taken. */
    readonly snapshotAt: string;
    /** The file's name, or the report's address. */
    readonly origin: string;
    readonly source: 'file' | 'report';
    readonly loadedAt: string;
  } | null;
  readonly pending: number;
  /** Changes in the history about activities no longer here (retention): they cannot be sent. */
  readonly unsendable: number;
}

export interface TeamLoaded {
  readonly snapshot: string;
  /** Pending changes kept on top. */
  readonly kept: number;
  readonly unsendable: number;
  readonly notes: readonly string[];
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}
export type Reply<K extends RequestType> =
  | { readonly ok: true; readonly value: Responses[K] }
  | { readonly ok: false; readonly error: string; readonly fields?: readonly FieldProblem[] };

/** Requests that only extension pages (popup, options) may send, never a content script. */
export const PAGE_ONLY: ReadonlySet<RequestType> = new Set([
  'settings.save',
  'import.staged',
  'snapshot.export',
  'retention.run',
  'team.status',
  'team.load',
  'team.fetch',
  'changes.export',
]);

export type Parsed = { ok: true; request: Request } | { ok: false; error: string };

/** Check a message received from anywhere. Nothing but a Parsed ok value reaches a handler. */
export function parseRequest(raw: unknown): Parsed {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'message: expected an object' };
  const { type, ...body } = raw as Record<string, unknown>;
  if (typeof type !== 'string' || !Object.hasOwn(requests, type)) {
    return { ok: false, error: `message.type: unknown type ${JSON.stringify(type)?.slice(0, 80)}` };
  }
  const r = (requests[type as RequestType] as Check<object>)(body, 'message');
  return r.ok ? { ok: true, request: { ...r.value, type } as Request } : { ok: false, error: r.error };
}

/** Progress of the current import, kept in storage.local (`importJob`) so any page can watch it. */
export interface ImportJob {
  readonly jobId: string;
  readonly fileName: string;
  readonly phase: 'reading' | 'parsing' | 'merging' | 'writing' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly message: string;
  /** Milliseconds spent reading and parsing, merging (core's rules) and writing (the store). */
  readonly timings?: { readonly parse: number; readonly merge: number; readonly write: number };
  readonly updatedAt: string;
}
export const IMPORT_JOB_KEY = 'importJob';
/** Bumped after every commit: overlays refresh when it changes. */
export const DATA_VERSION_KEY = 'dataVersion';
