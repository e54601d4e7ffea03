/** Builders for store and applyChanges tests: a small but varied state, and fresh in-memory IndexedDBs. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type {
  ActivityDevice,
  AttentionRequiredActivity,
  TrackedActivity,
} from '../../../core/model/activity.ts';
import type { AuditEvent } from '../../../core/model/audit-event.ts';
import type { Device } from '../../../core/model/device.ts';
import type { RemediationException } from '../../../core/model/exception.ts';
import type { Exposure } from '../../../core/model/exposure.ts';
import {
  activityId,
  deviceGroupName,
  eventId,
  type RecommendationId,
  taskId,
} from '../../../core/model/ids.ts';
import type { Recommendation } from '../../../core/model/recommendation.ts';
import type { State } from '../../../core/model/state.ts';
import { calendarDate } from '../../../core/model/time.ts';
import { openStore, type RemdeskStore } from '../../../core/store/index.ts';
import {
  attention as baseAttention,
  device as baseDevice,
  exposure as baseExposure,
  rec as baseRec,
  tracked as baseTracked,
  CONFIG_REC_ID,
  exc,
  REC_ID,
  row,
  T0,
  task,
  USER,
} from './builders.ts';

export const fakeIdb = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });
let dbCounter = 0;
/** A store on its own fake IndexedDB, so tests never share data. */
export function freshStore(): Promise<RemdeskStore> {
  return openStore({ name: `test-${++dbCounter}`, ...fakeIdb() });
}

export { devId, T0, task, USER } from './builders.ts';
export const CHROME = REC_ID;
export const SCID = CONFIG_REC_ID;

/*
 * The shared builders with non-default values (threats, tags in Chinese, times, due dates,
 * counts progress) so that storing and reading back proves every field survives.
 */
export const rec = (id: RecommendationId, over: Partial<Recommendation> = {}): Recommendation =>
  baseRec({
    id,
    recommendationName: `Fix ${id}`,
    weaknesses: 3,
    severityScore: 7.5,
    publicExploit: true,
    associatedThreats: ['CVE-2024-0001'],
    exposureImpact: 1.25,
    tags: ['zh: 安全建议'],
    ...over,
  });

export const device = (n: number, group = 'Servers'): Device =>
  baseDevice(n, group, { exposureLevel: 'High', lastSeen: T0 });

export const exposure = (n: number, rid: RecommendationId = CHROME): Exposure =>
  baseExposure(n, rid, { vulnerabilities: 2, firstSeen: T0 });

const common = (id: string, groups: readonly string[]) => ({
  title: `Activity ${id}`,
  rbacGroupNames: groups.map(deviceGroupName),
  priority: 'High' as const,
  recommendedVersion: '127.0',
});

export const tracked = (
  id: string,
  over: Partial<TrackedActivity> = {},
  groups = ['Servers'],
): TrackedActivity =>
  baseTracked(id, {
    ...common(id, groups),
    dueOn: calendarDate('2024-07-01'),
    progress: { kind: 'counts', targetDevices: 3, fixedDevices: 1 },
    ...over,
  });

export const attention = (id: string, over: Partial<AttentionRequiredActivity> = {}, groups: string[] = []) =>
  baseAttention(id, { ...common(id, groups), ...over });

export const activityDevice = (aid: string, n: number): ActivityDevice =>
  row(aid, n, 'Servers', { sentToTask: true });

/** `groups` null is a global exception; an empty list builds the invalid scope the store must refuse. */
export const exception = (id: string, groups: string[] | null): RemediationException =>
  exc(id, {
    justification: 'RiskAccepted',
    context: 'vendor patch pending, "quoted", 逗号',
    scope:
      groups === null
        ? { kind: 'global' }
        : ({
            kind: 'groups',
            groups: groups.map(deviceGroupName),
          } as unknown as RemediationException['scope']),
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
