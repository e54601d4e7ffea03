/** Builders for store and applyChanges tests: a small but varied state, and fresh in-memory IndexedDBs. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ActivityDevice, AttentionRequiredActivity, TrackedActivity } from '../model/activity.ts';
import type { AuditEvent } from '../model/audit-event.ts';
import type { Device } from '../model/device.ts';
import type { RemediationException } from '../model/exception.ts';
import type { Exposure } from '../model/exposure.ts';
import {
  activityId,
  deviceGroupName,
  deviceId,
  email,
  eventId,
  exceptionId,
  type RecommendationId,
  recommendationId,
  taskId,
} from '../model/ids.ts';
import type { IntuneTask } from '../model/intune-task.ts';
import type { Recommendation } from '../model/recommendation.ts';
import type { State } from '../model/state.ts';
import { calendarDate, instant } from '../model/time.ts';
import { openStore, type RemdeskStore } from './open-store.ts';

let dbCounter = 0;
/** A store on its own fake IndexedDB, so tests never share data. */
export function freshStore(): Promise<RemdeskStore> {
  return openStore({ name: `test-${++dbCounter}`, indexedDB: new IDBFactory(), IDBKeyRange });
}
export const fakeIdb = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

export const T0 = instant('2024-06-01T00:00:00Z');
export const USER = email('alice@contoso.com');
export const CHROME = recommendationId('va-_-google-_-chrome');
export const SCID = recommendationId('sca-_-scid-2000');

export const devId = (n: number) => deviceId(n.toString(16).padStart(40, '0'));

export const rec = (id: RecommendationId, over: Partial<Recommendation> = {}): Recommendation => ({
  id,
  productName: 'chrome',
  recommendationName: `Fix ${id}`,
  weaknesses: 3,
  vendor: 'google',
  recommendedVersion: '127.0',
  recommendedVendor: '',
  recommendedProgram: '',
  recommendationCategory: 'Application',
  subCategory: '',
  severityScore: 7.5,
  publicExploit: true,
  activeAlert: false,
  associatedThreats: ['CVE-2024-0001'],
  remediationType: 'Update',
  status: 'Active',
  configScoreImpact: 0,
  exposureImpact: 1.25,
  totalMachineCount: 10,
  exposedMachinesCount: 3,
  nonProductivityImpactedAssets: 0,
  relatedComponent: 'Chrome',
  exposedCriticalDevices: null,
  tags: ['zh: 安全建议'],
  hasUnpatchableCve: null,
  ...over,
});

export const device = (n: number, group = 'Servers'): Device => ({
  id: devId(n),
  computerDnsName: `host${n}.contoso.com`,
  osPlatform: 'Windows11',
  rbacGroupName: deviceGroupName(group),
  machineTags: [],
  exposureLevel: 'High',
  riskScore: null,
  lastSeen: T0,
});

export const exposure = (n: number, rid: RecommendationId = CHROME): Exposure => ({
  deviceId: devId(n),
  recommendationId: rid,
  vulnerabilities: 2,
  highestSeverity: 'High',
  firstSeen: T0,
  lastSeen: null,
});

const common = (id: string, groups: readonly string[]) => ({
  id: activityId(id),
  title: `Activity ${id}`,
  description: '',
  recommendationId: CHROME,
  createdOn: T0,
  requesterId: null,
  requesterEmail: USER,
  statusLastModifiedOn: T0,
  relatedComponent: 'Chrome',
  rbacGroupNames: groups.map(deviceGroupName),
  requesterNotes: '',
  category: 'Software' as const,
  productivityImpactRemediationType: null,
  priority: 'High' as const,
  scid: null,
  productId: 'google-_-chrome',
  vendorId: 'google',
  nameId: 'chrome',
  recommendedVersion: '127.0',
  recommendedVendor: null,
  recommendedProgram: null,
});

export const tracked = (
  id: string,
  over: Partial<TrackedActivity> = {},
  groups = ['Servers'],
): TrackedActivity =>
  ({
    ...common(id, groups),
    status: 'Active',
    type: 'Update',
    dueOn: calendarDate('2024-07-01'),
    progress: { kind: 'counts', targetDevices: 3, fixedDevices: 1 },
    taskId: null,
    ...over,
  }) as TrackedActivity;

export const attention = (id: string, over: Partial<AttentionRequiredActivity> = {}, groups: string[] = []) =>
  ({
    ...common(id, groups),
    status: 'Active',
    type: 'AttentionRequired',
    ...over,
  }) as AttentionRequiredActivity;

export const activityDevice = (aid: string, n: number): ActivityDevice => ({
  activityId: activityId(aid),
  deviceId: devId(n),
  rbacGroupName: deviceGroupName('Servers'),
  state: 'exposed',
  changedOn: T0,
  sentToTask: true,
});

export const task = (id: string, aid: string): IntuneTask => ({
  id: taskId(id),
  activityId: activityId(aid),
  status: 'pending',
  createdOn: T0,
  sentDevices: 2,
  leftOutDevices: 0,
  reviewerNotes: '',
  statusChangedOn: T0,
  statusChangedBy: 'alice@contoso.com',
});

export const exception = (id: string, groups: string[] | null): RemediationException => ({
  id: exceptionId(id),
  recommendationId: CHROME,
  justification: 'RiskAccepted',
  context: 'vendor patch pending, "quoted", 逗号',
  createdOn: T0,
  createdBy: USER,
  expiresOn: calendarDate('2024-09-01'),
  scope:
    groups === null
      ? { kind: 'global' }
      : ({ kind: 'groups', groups: groups.map(deviceGroupName) } as unknown as RemediationException['scope']),
  canceled: null,
  canceledGroups: [],
});

export const created = (id: string, aid: string, at = T0): AuditEvent => ({
  id: eventId(id),
  at,
  actor: USER,
  type: 'activity.created',
  activityId: activityId(aid),
  targetDevices: 2,
});

/** A state touching every table, already in canonical order. */
export function sampleState(): State {
  return {
    recommendations: [rec(SCID, { remediationType: 'ConfigurationChange' }), rec(CHROME)],
    devices: [device(1), device(2), device(3, 'Laptops')],
    exposures: [exposure(1, SCID), exposure(1), exposure(2), exposure(3)],
    activities: [
      tracked('a1', { taskId: taskId('t1') }),
      tracked('a2', { dueOn: calendarDate('2024-05-20') }, ['Laptops', 'Servers']),
      attention('a3'),
    ],
    activityDevices: [activityDevice('a1', 1), activityDevice('a1', 2), activityDevice('a2', 3)],
    tasks: [task('t1', 'a1')],
    exceptions: [exception('x1', null), exception('x2', ['Laptops'])],
    events: [created('e1', 'a1'), created('e2', 'a2'), created('e3', 'a3')],
  };
}
