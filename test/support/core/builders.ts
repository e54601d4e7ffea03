/**
 * Builders shared by core's tests: valid, deliberately plain defaults, so each test overrides only
 * what it is about. Module-specific fixtures (rule ids, store samples, codec states) wrap these.
 */

import type { ArchiveSettings } from '../../../core/codecs/settings-file.ts';
import type { MeasuredFix } from '../../../core/metrics/episodes.ts';
import {
  fixedExposureFigures,
  type ReportMetrics,
  reportMetrics,
} from '../../../core/metrics/report-metrics.ts';
import type {
  ActivityDevice,
  AttentionRequiredActivity,
  TrackedActivity,
} from '../../../core/model/activity.ts';
import type { Device } from '../../../core/model/device.ts';
import type { RemediationException } from '../../../core/model/exception.ts';
import type { Exposure } from '../../../core/model/exposure.ts';
import {
  type ActivityId,
  activityId,
  type DeviceGroupName,
  type DeviceId,
  deviceGroupName,
  deviceId,
  type Email,
  email,
  exceptionId,
  type RecommendationId,
  recommendationId,
  taskId,
} from '../../../core/model/ids.ts';
import type { IntuneTask } from '../../../core/model/intune-task.ts';
import type { Recommendation } from '../../../core/model/recommendation.ts';
import { emptyState, type State } from '../../../core/model/state.ts';
import { calendarDate, type Instant, instant } from '../../../core/model/time.ts';
import { presetPolicy } from '../../../core/sla/policy.ts';

/** "Now" for rules under test: two weeks after T0, before the default exception expires. */
export const NOW: Instant = instant('2024-06-15T10:00:00Z');
/** 08:00 UTC of a day (`2026-03-01`): the metrics' tests work in whole days, at the hour of a weekly import. */
export const morningOf = (day: string): Instant => instant(`${day}T08:00:00Z`);
/** An archive's settings with DefectDojo's SLA (critical 7, high 30, medium 90, low 120 days). */
export const DEFECTDOJO: ArchiveSettings = { slaPreset: 'defectdojo', sla: presetPolicy('defectdojo') };

/** The metrics of `state` at `at` with `fixes` as every snapshot's since `since`, in one call. */
export const metricsOf = (
  state: State,
  at: Instant,
  settings: ArchiveSettings,
  fixes: readonly MeasuredFix[],
  since: Instant,
): ReportMetrics => reportMetrics(state, at, settings, fixedExposureFigures(fixes, settings.sla, at, since));
/** When fixture activities, rows and exceptions were created. */
export const T0: Instant = instant('2024-06-01T00:00:00Z');
export const USER: Email = email('alice@contoso.com');
/** A software recommendation (activities of type Update) and a configuration one. */
export const REC_ID: RecommendationId = recommendationId('va-_-google-_-chrome');
export const CONFIG_REC_ID: RecommendationId = recommendationId('sca-_-scid-2000');
export const group = (name: string): DeviceGroupName => deviceGroupName(name);

/** Device id number n as 40 hex characters. */
export const devId = (n: number): DeviceId => deviceId(n.toString(16).padStart(40, '0'));

export const rec = (over: Partial<Recommendation> = {}): Recommendation => ({
  id: REC_ID,
  productName: 'chrome',
  recommendationName: 'Update Google Chrome to version 127.0',
  weaknesses: 12,
  vendor: 'google',
  recommendedVersion: '127.0',
  recommendedVendor: '',
  recommendedProgram: '',
  recommendationCategory: 'Application',
  subCategory: '',
  severityScore: 7,
  publicExploit: false,
  activeAlert: false,
  associatedThreats: [],
  remediationType: 'Update',
  status: 'Active',
  configScoreImpact: 0,
  exposureImpact: 1,
  totalMachineCount: 10,
  exposedMachinesCount: 3,
  nonProductivityImpactedAssets: 0,
  relatedComponent: 'Chrome',
  exposedCriticalDevices: null,
  tags: [],
  hasUnpatchableCve: null,
  ...over,
});

export const device = (n: number, groupName = 'Servers', over: Partial<Device> = {}): Device => ({
  id: devId(n),
  computerDnsName: `host${n}.contoso.com`,
  osPlatform: 'Windows11',
  rbacGroupName: group(groupName),
  machineTags: [],
  exposureLevel: null,
  riskScore: null,
  lastSeen: null,
  ...over,
});

export const exposure = (
  n: number,
  recId: RecommendationId = REC_ID,
  over: Partial<Exposure> = {},
): Exposure => ({
  deviceId: devId(n),
  recommendationId: recId,
  vulnerabilities: 1,
  highestSeverity: 'High',
  firstSeen: null,
  lastSeen: null,
  ...over,
});

const common = (id: string) => ({
  id: activityId(id),
  title: 'Update Google Chrome',
  description: '',
  recommendationId: REC_ID,
  createdOn: T0,
  requesterId: null,
  requesterEmail: USER,
  statusLastModifiedOn: T0,
  relatedComponent: 'Chrome',
  rbacGroupNames: [],
  requesterNotes: '',
  category: 'Software' as const,
  productivityImpactRemediationType: null,
  priority: 'Medium' as const,
  scid: null,
  productId: 'google-_-chrome',
  vendorId: 'google',
  nameId: 'chrome',
  recommendedVersion: null,
  recommendedVendor: null,
  recommendedProgram: null,
});

// The casts: spreading a Partial of a union member loses the discriminant's narrowing.
export const tracked = (id: string, over: Partial<TrackedActivity> = {}): TrackedActivity =>
  ({
    ...common(id),
    status: 'Active',
    type: 'Update',
    dueOn: null,
    progress: { kind: 'devices', targetDevices: 0, fixedDevices: 0, leftScopeDevices: 0, vanishedDevices: 0 },
    taskId: null,
    ...over,
  }) as TrackedActivity;

export const attention = (
  id: string,
  over: Partial<AttentionRequiredActivity> = {},
): AttentionRequiredActivity =>
  ({ ...common(id), status: 'Active', type: 'AttentionRequired', ...over }) as AttentionRequiredActivity;

/** Device n's row in an activity, exposed since T0. */
export const row = (
  activity: ActivityId | string,
  n: number,
  groupName = 'Servers',
  over: Partial<ActivityDevice> = {},
): ActivityDevice => ({
  activityId: activityId(activity),
  deviceId: devId(n),
  rbacGroupName: group(groupName),
  state: 'exposed',
  changedOn: T0,
  sentToTask: false,
  ...over,
});

/** A tracked activity over devices 1..n (group Servers), with its rows, progress set to match. */
export function trackedWithDevices(id: string, n: number, over: Partial<TrackedActivity> = {}) {
  const rows = Array.from({ length: n }, (_, i) => row(id, i + 1));
  const activity = tracked(id, {
    progress: { kind: 'devices', targetDevices: n, fixedDevices: 0, leftScopeDevices: 0, vanishedDevices: 0 },
    ...over,
  });
  return { activity, rows };
}

/** A pending Intune task of activity `aid`, made at T0 with two devices sent. */
export const task = (id: string, aid: string, over: Partial<IntuneTask> = {}): IntuneTask => ({
  id: taskId(id),
  activityId: activityId(aid),
  status: 'pending',
  createdOn: T0,
  sentDevices: 2,
  leftOutDevices: 0,
  reviewerNotes: '',
  statusChangedOn: T0,
  statusChangedBy: 'alice@contoso.com',
  ...over,
});

/** A group exception in effect from 2024-06-01 to 2024-09-01 unless overridden. */
export const exc = (id: string, over: Partial<RemediationException> = {}): RemediationException => ({
  id: exceptionId(id),
  recommendationId: REC_ID,
  justification: 'ThirdPartyControl',
  context: '',
  createdOn: T0,
  createdBy: USER,
  expiresOn: calendarDate('2024-09-01'),
  scope: { kind: 'groups', groups: [group('Servers')] },
  canceled: null,
  canceledGroups: [],
  ...over,
});

export const groupsScope = (first: string, ...rest: string[]) =>
  ({ kind: 'groups', groups: [group(first), ...rest.map(group)] }) as const satisfies {
    kind: 'groups';
    groups: readonly [DeviceGroupName, ...DeviceGroupName[]];
  };

export const GLOBAL = { kind: 'global' } as const;

export const stateWith = (over: Partial<State>): State => ({ ...emptyState(), ...over });
