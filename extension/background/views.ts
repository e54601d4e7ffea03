/** Turn core's records into what the overlays show. Pure: State and now in, view objects out. */
import {
  type Activity,
  allowedTaskTransitions,
  completedBy,
  describeSteps,
  devicesStillExposed,
  exceptionStatuses,
  groupStatuses,
  type Instant,
  isOverdue,
  isTracked,
  itAdminMessage,
  possibleDuplicates,
  type Recommendation,
  type RemediationException,
  type RequestOutcome as Requested,
  remediationSteps,
  type State,
  topActivities,
} from '../../core/index.ts';
import type { ActivityView, Counts, DashboardView, ExceptionView, RequestOutcome } from '../shared/views.ts';

export function activityViews(state: State, activities: readonly Activity[], now: Instant): ActivityView[] {
  const recs = new Map(state.recommendations.map((r) => [r.id, r]));
  const tasks = new Map(state.tasks.map((t) => [t.id, t]));
  const titles = new Map(state.activities.map((a) => [a.id, a.title]));
  const duplicates = possibleDuplicates(state);
  return activities.map((activity) => {
    const rec: Recommendation | null = activity.recommendationId
      ? (recs.get(activity.recommendationId) ?? null)
      : null;
    const { steps, recommendationLink } = remediationSteps(activity, rec);
    const texts = describeSteps(steps);
    const task = isTracked(activity) && activity.taskId ? (tasks.get(activity.taskId) ?? null) : null;
    return {
      activity,
      recommendationName: rec?.recommendationName ?? null,
      recommendationLink,
      steps: steps.map((s, i) => ({ kind: s.kind, text: texts[i] ?? '', subject: stepSubject(s) })),
      overdue: isOverdue(activity, now),
      task,
      taskNext: task ? allowedTaskTransitions(task.status) : [],
      completedBy: completedBy(activity),
      stillExposed: devicesStillExposed(activity),
      possibleDuplicates: (duplicates.get(activity.id) ?? []).map((id) => ({
        id,
        title: titles.get(id) ?? id,
      })),
    };
  });
}

/** The vendor-supplied part of a step (product, version, change), shown as is in every language. */
function stepSubject(s: ReturnType<typeof remediationSteps>['steps'][number]): string {
  switch (s.kind) {
    case 'update':
      return [s.product, s.toVersion].filter(Boolean).join(' → ');
    case 'upgrade':
      return [s.product, s.toProgram, s.toVersion].filter(Boolean).join(' → ');
    case 'uninstall':
      return s.product;
    case 'configure':
      return s.change;
    case 'review':
      return s.recommendation;
    default:
      return '';
  }
}

export function exceptionViews(
  state: State,
  exceptions: readonly RemediationException[],
  now: Instant,
): ExceptionView[] {
  const statuses = exceptionStatuses(state.exceptions, now);
  const names = new Map(state.recommendations.map((r) => [r.id, r.recommendationName]));
  return exceptions.map((exception) => ({
    exception,
    status: statuses.get(exception.id) ?? 'InEffect',
    recommendationName: names.get(exception.recommendationId) ?? null,
    justification: exception.justification,
    groups: groupStatuses(exception, now, state.exceptions),
  }));
}

/** Newest first: what a user looks for after acting. */
export const byCreatedDesc = <T extends { readonly createdOn: string }>(a: T, b: T): number =>
  a.createdOn < b.createdOn ? 1 : a.createdOn > b.createdOn ? -1 : 0;

export function counts(state: State, now: Instant): Counts {
  const statuses = exceptionStatuses(state.exceptions, now);
  let active = 0;
  let overdue = 0;
  for (const a of state.activities) {
    if (a.status === 'Active') active++;
    if (isOverdue(a, now)) overdue++;
  }
  return {
    active,
    overdue,
    completed: state.activities.length - active,
    exceptionsInEffect: [...statuses.values()].filter((s) => s === 'InEffect').length,
    recommendations: state.recommendations.length,
    devices: state.devices.length,
  };
}

/** R-TOP-1: the activities and exceptions in effect, most urgent first, as the dashboard card lists them. */
export function dashboardView(state: State, now: Instant): DashboardView {
  const entries = topActivities(state, now, { includeExceptions: true });
  return {
    top: activityViews(
      state,
      entries.flatMap((e) => (e.kind === 'activity' ? [e.activity] : [])),
      now,
    ),
    exceptions: exceptionViews(
      state,
      entries.flatMap((e) => (e.kind === 'exception' ? [e.exception] : [])),
      now,
    ),
  };
}

/** R-REQ-4: what a request created (`state`: as it was before), and the note for the IT administrator. */
export function requestOutcome(
  state: State,
  { changes, activity, task, leftOutOfTask }: Requested,
): RequestOutcome {
  const rec = state.recommendations.find((r) => r.id === activity.recommendationId) ?? null;
  return {
    activityId: activity.id,
    // Counted from the device rows: attention required has no progress, but it has target devices.
    targetDevices: (changes.put?.activityDevices ?? []).filter((d) => d.activityId === activity.id).length,
    task: task ? { sent: task.sentDevices, leftOut: leftOutOfTask } : null,
    notice: itAdminMessage(activity, rec),
  };
}
