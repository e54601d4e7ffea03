import type { ActivityType, Priority } from '../model/activity.ts';
import type { ExceptionStatus, RemediationException } from '../model/exception.ts';
import {
  type DeviceGroupName,
  type DeviceId,
  type ExceptionId,
  type RecommendationId,
  UNASSIGNED_GROUP,
} from '../model/ids.ts';
import { isConfigurationRecommendation, type Recommendation } from '../model/recommendation.ts';
import type { State } from '../model/state.ts';
import type { GroupStatus } from './exception-status.ts';

export interface IntuneSettings {
  readonly intuneEnabled: boolean;
}

/** What the request form offers for one recommendation (R-REQ-1/2, R-ATTN-1, R-INT-1). */
export interface RequestFormOptions {
  readonly types: readonly ActivityType[];
  readonly defaultType: ActivityType;
  /** R-REQ-1 (PD): the priority the form starts at; the user picks any of PRIORITIES. */
  readonly defaultPriority: Priority;
  /** Groups holding devices exposed to the recommendation, sorted. */
  readonly deviceGroups: readonly DeviceGroupName[];
  /** Present only while the Intune connection is on (R-INT-1: absent, not disabled). */
  readonly intuneTask?: { readonly offered: true };
}

/** R-REQ-2: software recommendations get update/uninstall/attention; configuration ones a change. */
export function offeredTypes(rec: Recommendation): readonly ActivityType[] {
  if (isConfigurationRecommendation(rec)) return ['ConfigurationChange'];
  const types: ActivityType[] = ['Update', 'Uninstall', 'AttentionRequired'];
  return rec.remediationType === 'Upgrade' ? ['Upgrade', ...types] : types;
}

/** R-ATTN-1: attention required has no due date, so the form asks for none. */
export const dueDateOffered = (type: ActivityType): boolean => type !== 'AttentionRequired';

export interface ExposedDevice {
  readonly deviceId: DeviceId;
  readonly rbacGroupName: DeviceGroupName;
}

/**
 * The devices the data shows exposed to a recommendation, each with its current device group
 * (PD: one missing from the device list is in no known group, so UnassignedGroup).
 */
export function exposedDevicesOf(
  state: Pick<State, 'exposures' | 'devices'>,
  recommendationId: RecommendationId,
): readonly ExposedDevice[] {
  const groups = new Map(state.devices.map((d) => [d.id, d.rbacGroupName]));
  const seen = new Set<DeviceId>();
  const out: ExposedDevice[] = [];
  for (const e of state.exposures) {
    if (e.recommendationId !== recommendationId || seen.has(e.deviceId)) continue;
    seen.add(e.deviceId);
    out.push({ deviceId: e.deviceId, rbacGroupName: groups.get(e.deviceId) ?? UNASSIGNED_GROUP });
  }
  return out;
}

export const groupsOf = (devices: readonly ExposedDevice[]): readonly DeviceGroupName[] =>
  [...new Set(devices.map((d) => d.rbacGroupName))].sort();

/**
 * The device groups a recommendation's exposed devices are in now, sorted: the one answer the
 * request form (R-REQ-1), exception coverage (R-EXC-2) and the recommendation's status (R-EXC-6)
 * share, so a group a request can target is one an exception must cover.
 */
export const exposedGroupsOf = (
  state: Pick<State, 'exposures' | 'devices'>,
  recommendationId: RecommendationId,
): readonly DeviceGroupName[] => groupsOf(exposedDevicesOf(state, recommendationId));

export function requestFormOptions(
  rec: Recommendation,
  settings: IntuneSettings,
  state: Pick<State, 'exposures' | 'devices'>,
): RequestFormOptions {
  const types = offeredTypes(rec);
  const own = types.find((t) => t === rec.remediationType);
  return {
    types,
    // A software recommendation typed ConfigurationChange (seen in messy data) falls back to the first offer.
    defaultType: own ?? (types[0] as ActivityType),
    defaultPriority: 'Medium',
    deviceGroups: exposedGroupsOf(state, rec.id),
    ...(settings.intuneEnabled ? { intuneTask: { offered: true } as const } : {}),
  };
}

/** An exception of the recommendation as the form sees it: status of the whole and of each group (R-EXC-3/4). */
export interface ExceptionStanding {
  readonly exception: Pick<RemediationException, 'id' | 'scope'>;
  readonly status: ExceptionStatus;
  /** Group scope only: each group's own status (a group may be canceled alone). */
  readonly groups: readonly GroupStatus[];
}

export interface RequestGroupChoice {
  readonly name: DeviceGroupName;
  /** Devices in the group exposed to the recommendation. */
  readonly devices: number;
  /** The exceptions in effect covering the group: a global one, or one naming the group. */
  readonly exceptedBy: readonly ExceptionId[];
  readonly chosenByDefault: boolean;
}

export interface RequestGroupChoices {
  readonly groups: readonly RequestGroupChoice[];
  /** "All device groups" (present and future) is the default only while no group is excepted. */
  readonly allByDefault: boolean;
}

/**
 * R-REQ-6 (PD): a request respects the recommendation's exceptions. Devices covered by an exception
 * in effect (any justification: the team decided not to remediate them for now) are not targeted by
 * default: the groups they are in start unchosen, and "all device groups" starts unchosen when any
 * group is excepted. A user may still choose such a group; then its devices are targeted like any
 * other (a request names groups, R-REQ-1, and targets every exposed device in them, R-REQ-3).
 * Suspended, expired and canceled exceptions (or a group canceled alone) cover nothing. Only groups
 * with exposed devices are offered (`groups` comes from `requestFormOptions`).
 */
export function requestGroupChoices(
  groups: readonly { readonly name: DeviceGroupName; readonly devices: number }[],
  exceptions: readonly ExceptionStanding[],
): RequestGroupChoices {
  const inEffect = exceptions.filter((x) => x.status === 'InEffect');
  const choices = groups.map((g) => {
    const exceptedBy = inEffect
      .filter(
        (x) =>
          x.exception.scope.kind === 'global' ||
          x.groups.some((s) => s.group === g.name && s.status === 'InEffect'),
      )
      .map((x) => x.exception.id);
    return { name: g.name, devices: g.devices, exceptedBy, chosenByDefault: exceptedBy.length === 0 };
  });
  return { groups: choices, allByDefault: choices.every((c) => c.chosenByDefault) };
}
