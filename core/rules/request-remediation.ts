import {
  type ActivityCategory,
  type ActivityDevice,
  type ActivityType,
  type AttentionRequiredActivity,
  PRIORITIES,
  type Priority,
  type TrackedActivity,
} from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { IdSource } from '../model/id-source.ts';
import {
  activityId,
  type DeviceGroupName,
  type DeviceId,
  type Email,
  type RecommendationId,
  taskId,
} from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import { isConfigurationRecommendation, type Recommendation } from '../model/recommendation.ts';
import { type FieldError, fail, ok, type Result } from '../model/result.ts';
import type { ChangeSet, State } from '../model/state.ts';
import { type CalendarDate, calendarDate, dayOf, type Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { selectIntuneDevices } from './intune-selection.ts';
import {
  dueDateOffered,
  exposedDevicesOf,
  groupsOf,
  type IntuneSettings,
  offeredTypes,
} from './request-form.ts';

/** R-REQ-5 (PD). */
export const NOTES_MAX_LENGTH = 1000;

/** What the request form submits (R-REQ-1). */
export interface RemediationRequestInput {
  readonly recommendationId: RecommendationId;
  readonly type: ActivityType;
  readonly groups: 'all' | readonly DeviceGroupName[];
  readonly priority: Priority;
  readonly dueOn: CalendarDate | null;
  readonly notes: string;
  readonly createIntuneTask: boolean;
}

export interface RequestContext {
  readonly state: State;
  readonly now: Instant;
  readonly actor: Email;
  readonly ids: IdSource;
  readonly settings: IntuneSettings;
}

export interface RequestOutcome {
  readonly changes: ChangeSet;
  readonly activity: TrackedActivity | AttentionRequiredActivity;
  readonly task: IntuneTask | null;
  /** R-INT-2: devices the request covered that the task could not carry (0 without a task). */
  readonly leftOutOfTask: number;
}

/** The vendor's product/scid fields follow from the recommendation id (domain.md §1). */
export function recommendationKeys(id: RecommendationId): {
  readonly scid: string | null;
  readonly productId: string | null;
  readonly vendorId: string | null;
  readonly nameId: string | null;
} {
  if (id.startsWith('sca-_-'))
    return { scid: id.slice('sca-_-'.length), productId: null, vendorId: null, nameId: null };
  const productId = id.startsWith('va-_-') ? id.slice('va-_-'.length) : id;
  const [vendorId = null, nameId = null] = productId.split('-_-');
  return { scid: null, productId, vendorId, nameId };
}

function validate(input: RemediationRequestInput, rec: Recommendation, ctx: RequestContext): FieldError[] {
  const errors: FieldError[] = [];
  if (!offeredTypes(rec).includes(input.type)) {
    errors.push({ field: 'type', message: `${input.type} is not offered for this recommendation` });
  }
  if (!dueDateOffered(input.type)) {
    if (input.dueOn !== null)
      errors.push({ field: 'dueOn', message: 'attention required takes no due date' });
  } else if (input.dueOn === null) {
    errors.push({ field: 'dueOn', message: 'a due date is required' });
  } else {
    let day: CalendarDate | null = null;
    try {
      day = calendarDate(input.dueOn);
    } catch {
      errors.push({ field: 'dueOn', message: `"${input.dueOn}" is not a real date` });
    }
    if (day !== null && day < dayOf(ctx.now)) {
      errors.push({ field: 'dueOn', message: 'the due date is in the past' });
    }
  }
  if (!PRIORITIES.includes(input.priority)) {
    errors.push({ field: 'priority', message: `priority must be one of ${PRIORITIES.join(', ')}` });
  }
  if (input.notes.length > NOTES_MAX_LENGTH) {
    errors.push({ field: 'notes', message: `notes are limited to ${NOTES_MAX_LENGTH} characters` });
  }
  if (input.createIntuneTask && !ctx.settings.intuneEnabled) {
    errors.push({ field: 'createIntuneTask', message: 'the Intune connection is off' });
  } else if (input.createIntuneTask && input.type === 'AttentionRequired') {
    errors.push({ field: 'createIntuneTask', message: 'attention required has no Intune task' });
  }
  return errors;
}

function validateGroups(
  groups: RemediationRequestInput['groups'],
  available: readonly DeviceGroupName[],
): FieldError[] {
  if (groups === 'all') return [];
  if (groups.length === 0) return [{ field: 'groups', message: 'choose at least one device group' }];
  const missing = groups.filter((g) => !available.includes(g));
  return missing.length === 0
    ? []
    : [{ field: 'groups', message: `no exposed devices in: ${missing.join(', ')}` }];
}

/**
 * R-REQ-3: a request creates an Active activity over the recommendation's exposed devices in the
 * chosen groups (and, if asked, a pending Intune task, R-INT-2/3). It changes no device.
 */
export function requestRemediation(
  input: RemediationRequestInput,
  ctx: RequestContext,
): Result<RequestOutcome> {
  const rec = ctx.state.recommendations.find((r) => r.id === input.recommendationId);
  if (!rec) return fail({ field: 'recommendationId', message: 'unknown recommendation' });

  const exposed = exposedDevicesOf(ctx.state, rec.id);
  const errors = [...validate(input, rec, ctx), ...validateGroups(input.groups, groupsOf(exposed))];
  if (errors.length > 0) return fail(...errors);

  const chosen = input.groups === 'all' ? null : new Set(input.groups);
  const targets = chosen ? exposed.filter((d) => chosen.has(d.rbacGroupName)) : exposed;
  const { now, actor, ids } = ctx;
  const id = activityId(ids.next('activity'));

  const common = {
    id,
    title: rec.recommendationName || rec.relatedComponent,
    description: rec.recommendationName,
    recommendationId: rec.id,
    createdOn: now,
    requesterId: null,
    requesterEmail: actor,
    status: 'Active' as const,
    statusLastModifiedOn: now,
    relatedComponent: rec.relatedComponent,
    rbacGroupNames: input.groups === 'all' ? [] : [...input.groups],
    requesterNotes: input.notes,
    category: (isConfigurationRecommendation(rec) ? 'SecurityConfiguration' : 'Software') as ActivityCategory,
    productivityImpactRemediationType: null,
    priority: input.priority,
    ...recommendationKeys(rec.id),
    recommendedVersion: rec.recommendedVersion || null,
    recommendedVendor: rec.recommendedVendor || null,
    recommendedProgram: rec.recommendedProgram || null,
  };

  let task: IntuneTask | null = null;
  let sent: ReadonlySet<DeviceId> = new Set();
  let leftOut = 0;
  if (input.createIntuneTask && input.type !== 'AttentionRequired') {
    const known = new Map(ctx.state.devices.map((d) => [d.id, d]));
    const selection = selectIntuneDevices(
      targets.map((t) => ({
        id: t.deviceId,
        exposureLevel: known.get(t.deviceId)?.exposureLevel ?? null,
        riskScore: known.get(t.deviceId)?.riskScore ?? null,
      })),
    );
    sent = new Set(selection.sent.map((d) => d.id));
    leftOut = selection.leftOut;
    task = {
      id: taskId(ids.next('task')),
      activityId: id,
      status: 'pending',
      createdOn: now,
      sentDevices: sent.size,
      leftOutDevices: leftOut,
      reviewerNotes: '',
      statusChangedOn: now,
      statusChangedBy: actor,
    };
  }

  const activity: TrackedActivity | AttentionRequiredActivity =
    input.type === 'AttentionRequired'
      ? { ...common, type: 'AttentionRequired' }
      : {
          ...common,
          type: input.type,
          dueOn: input.dueOn,
          progress: {
            kind: 'devices',
            targetDevices: targets.length,
            fixedDevices: 0,
            leftScopeDevices: 0,
            vanishedDevices: 0,
          },
          taskId: task?.id ?? null,
        };
  const rows: ActivityDevice[] = targets.map((t) => ({
    activityId: id,
    deviceId: t.deviceId,
    rbacGroupName: t.rbacGroupName,
    state: 'exposed',
    changedOn: now,
    sentToTask: sent.has(t.deviceId),
  }));
  const events: AuditEvent[] = [
    auditEvent({ type: 'activity.created', activityId: id, targetDevices: targets.length }, now, actor, ids),
  ];
  if (task) {
    events.push(
      auditEvent(
        {
          type: 'task.created',
          taskId: task.id,
          activityId: id,
          sentDevices: sent.size,
          leftOutDevices: leftOut,
        },
        now,
        actor,
        ids,
      ),
    );
  }
  return ok({
    changes: {
      put: { activities: [activity], activityDevices: rows, ...(task ? { tasks: [task] } : {}) },
      events,
    },
    activity,
    task,
    leftOutOfTask: leftOut,
  });
}
