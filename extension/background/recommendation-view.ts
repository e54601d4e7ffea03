/**
 * What the recommendation page's overlay shows (pure: State in, view out): every recommendation
 * with its exposed devices for the picker, and for the chosen one the request form's choices
 * (R-REQ-1/2, R-INT-1, the due dates the team's SLA proposes, R-SLA-2), its exceptions
 * (R-EXC-1..3) and its activities, newest first.
 */
import {
  activityDueBySla,
  type CalendarDate,
  type DeviceGroupName,
  exposedDevicesOf,
  INTUNE_DEVICE_LIMIT,
  type Instant,
  isConfigurationRecommendation,
  offeredExceptionGroups,
  PRIORITIES,
  type Priority,
  type Recommendation,
  requestFormOptions,
  type SlaPolicy,
  type State,
} from '../../core/index.ts';
import type { RecommendationSummary, RecommendationView } from '../shared/views.ts';
import { activityViews, byCreatedDesc, exceptionViews } from './views.ts';

/** Most exposed first, then by name. */
function summaries(state: State): RecommendationSummary[] {
  const exposedByRec = new Map<string, number>();
  for (const x of state.exposures)
    exposedByRec.set(x.recommendationId, (exposedByRec.get(x.recommendationId) ?? 0) + 1);
  return state.recommendations
    .map((r) => ({ id: r.id, name: r.recommendationName, exposedDevices: exposedByRec.get(r.id) ?? 0 }))
    .sort((a, b) => b.exposedDevices - a.exposedDevices || a.name.localeCompare(b.name));
}

function selected(
  state: State,
  rec: Recommendation,
  now: Instant,
  intuneEnabled: boolean,
  policy: SlaPolicy,
): NonNullable<RecommendationView['selected']> {
  const form = requestFormOptions(rec, { intuneEnabled }, state);
  const perGroup = new Map<DeviceGroupName, number>();
  for (const d of exposedDevicesOf(state, rec.id))
    perGroup.set(d.rbacGroupName, (perGroup.get(d.rbacGroupName) ?? 0) + 1);
  const exceptions = exceptionViews(
    state,
    state.exceptions.filter((e) => e.recommendationId === rec.id),
    now,
  );
  return {
    id: rec.id,
    name: rec.recommendationName,
    productName: rec.productName,
    configuration: isConfigurationRecommendation(rec),
    types: form.types,
    defaultType: form.defaultType,
    defaultPriority: form.defaultPriority,
    // A request made now is due its priority's days from today (R-SLA-2).
    proposedDue: Object.fromEntries(PRIORITIES.map((p) => [p, activityDueBySla(policy, p, now)])) as Record<
      Priority,
      CalendarDate | null
    >,
    groups: form.deviceGroups.map((name) => ({ name, devices: perGroup.get(name) ?? 0 })),
    intuneOffered: form.intuneTask !== undefined,
    intuneLimit: INTUNE_DEVICE_LIMIT,
    exceptionGroups: offeredExceptionGroups(state, rec.id, now),
    globalExceptionOffered: !exceptions.some(
      (v) => v.exception.scope.kind === 'global' && v.status === 'InEffect',
    ),
    exceptions: exceptions.sort((a, b) => byCreatedDesc(a.exception, b.exception)),
    activities: activityViews(
      state,
      state.activities.filter((a) => a.recommendationId === rec.id),
      now,
    ).sort((a, b) => byCreatedDesc(a.activity, b.activity)),
  };
}

/**
 * `wanted`: the recommendation the address names or the user picked; null when none is. `policy`:
 * the team's SLA, from the team state the data started from.
 */
export function recommendationView(
  state: State,
  wanted: string | null,
  now: Instant,
  intuneEnabled: boolean,
  policy: SlaPolicy,
): RecommendationView {
  const rec = wanted === null ? undefined : state.recommendations.find((r) => r.id === wanted);
  return {
    recommendations: summaries(state),
    today: now.slice(0, 10),
    selected: rec ? selected(state, rec, now, intuneEnabled, policy) : null,
  };
}
