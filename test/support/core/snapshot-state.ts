/** A state for codec tests: every union branch once, and hostile strings wherever text goes. */
import type { Activity, ActivityDevice } from '../../../core/model/activity.ts';
import type { AuditEvent } from '../../../core/model/audit-event.ts';
import type { Device } from '../../../core/model/device.ts';
import type { RemediationException } from '../../../core/model/exception.ts';
import type { Exposure } from '../../../core/model/exposure.ts';
import {
  activityId,
  deviceGroupName,
  deviceId,
  email,
  eventId,
  exceptionId,
  recommendationId,
  taskId,
} from '../../../core/model/ids.ts';
import type { IntuneTask } from '../../../core/model/intune-task.ts';
import type { Recommendation } from '../../../core/model/recommendation.ts';
import type { State } from '../../../core/model/state.ts';
import { calendarDate, instant } from '../../../core/model/time.ts';
import { rec as baseRec } from './builders.ts';

/** Strings a spreadsheet or a CSV parser could misread. */
export const HOSTILE = [
  '=SUM(1)',
  '+1',
  '-1',
  '@x',
  '\tlead tab',
  '\rlead CR',
  'say "hi", then\r\nnew line\nand LF',
  '<script>alert(1)</script>',
  '修正活动 需要注意',
  "'quoted",
  "'=already",
  "''",
  ' spaced ',
  'C:\\Users\\x\\notes.txt',
  '',
] as const;
const hostile = (i: number): string => HOSTILE[i % HOSTILE.length] ?? '';

const t = (s: string) => instant(s);
const user = email('alice@contoso.com');
const rec = recommendationId('va-_-google-_-chrome');
const sca = recommendationId('sca-_-scid-2000');
const dev = (n: number) => deviceId(n.toString(16).padStart(40, 'a'));
const servers = deviceGroupName('Servers');
const laptops = deviceGroupName('笔记本电脑, "laptops"');

/** The shared builder's recommendation, with hostile text wherever text goes. */
const recommendation = (id: typeof rec, over: Partial<Recommendation>): Recommendation =>
  baseRec({
    id,
    productName: hostile(0),
    recommendationName: hostile(6),
    recommendedVendor: hostile(1),
    recommendedProgram: hostile(2),
    subCategory: hostile(3),
    severityScore: 7.5,
    publicExploit: true,
    associatedThreats: ['threat, one', '=cmd'],
    configScoreImpact: 0.25,
    exposureImpact: 1.5,
    relatedComponent: hostile(8),
    tags: ['a;b', 'c"d', '修正'],
    ...over,
  });

const recommendations = [
  recommendation(sca, {
    recommendationCategory: 'SecurityControls',
    remediationType: 'ConfigurationChange',
    status: 'Exception',
    exposedCriticalDevices: 2,
    hasUnpatchableCve: false,
    severityScore: -1,
    tags: [],
  }),
  recommendation(rec, { hasUnpatchableCve: true }),
];

const devices: Device[] = [1, 2, 3].map((n) => ({
  id: dev(n),
  computerDnsName: hostile(n + 3),
  osPlatform: 'Windows11',
  rbacGroupName: n === 3 ? laptops : servers,
  machineTags: n === 1 ? [] : ['tag,1', hostile(n)],
  exposureLevel: n === 1 ? null : 'High',
  riskScore: n === 2 ? 'Informational' : null,
  lastSeen: n === 3 ? null : t('2024-06-01T08:00:00.123Z'),
}));

const exposures: Exposure[] = [
  {
    deviceId: dev(2),
    recommendationId: rec,
    vulnerabilities: 3,
    highestSeverity: 'Critical',
    firstSeen: t('2024-05-01T00:00:00Z'),
    lastSeen: t('2024-06-01T00:00:00Z'),
  },
  {
    deviceId: dev(1),
    recommendationId: rec,
    vulnerabilities: 0,
    highestSeverity: null,
    firstSeen: null,
    lastSeen: null,
  },
  {
    deviceId: dev(1),
    recommendationId: sca,
    vulnerabilities: 1,
    highestSeverity: 'Low',
    firstSeen: null,
    lastSeen: t('2024-06-02T00:00:00Z'),
  },
];

const common = (n: number) => ({
  id: activityId(`act-${n}`),
  title: hostile(n),
  description: hostile(n + 5),
  recommendationId: n === 6 ? null : rec,
  createdOn: t('2024-06-01T00:00:00Z'),
  requesterId: n % 2 === 0 ? null : 'requester-1',
  requesterEmail: n === 5 ? null : user,
  statusLastModifiedOn: t('2024-06-02T00:00:00.5Z'),
  relatedComponent: 'Chrome',
  rbacGroupNames: n % 2 === 0 ? [] : [servers, laptops],
  requesterNotes: hostile(n + 9),
  category: 'Software' as const,
  productivityImpactRemediationType: n === 1 ? ('AllExposedAssets' as const) : null,
  priority: (['High', 'Medium', 'Low'] as const)[n % 3] ?? 'High',
  scid: n === 4 ? '2000' : null,
  productId: 'google-_-chrome',
  vendorId: 'google',
  nameId: 'chrome',
  recommendedVersion: n === 3 ? null : '127.0',
  recommendedVendor: null,
  recommendedProgram: null,
});

const activities: Activity[] = [
  {
    ...common(1),
    type: 'Update',
    status: 'Active',
    dueOn: calendarDate('2024-06-10'),
    progress: { kind: 'devices', targetDevices: 3, fixedDevices: 1, leftScopeDevices: 1, vanishedDevices: 0 },
    taskId: taskId('task-1'),
  },
  {
    ...common(2),
    type: 'Uninstall',
    status: 'Completed',
    completion: { method: 'Automatic', completedOn: t('2024-06-03T00:00:00Z') },
    dueOn: null,
    progress: { kind: 'counts', targetDevices: 5, fixedDevices: 5 },
    taskId: null,
  },
  {
    ...common(3),
    type: 'ConfigurationChange',
    status: 'Completed',
    completion: {
      method: 'Manual',
      completedOn: t('2024-06-04T00:00:00Z'),
      completerEmail: user,
      completerId: 'u-1',
    },
    dueOn: calendarDate('2024-07-01'),
    progress: { kind: 'counts', targetDevices: 0, fixedDevices: 0 },
    taskId: null,
  },
  {
    ...common(4),
    type: 'Upgrade',
    status: 'Completed',
    completion: { method: 'Unknown', completedOn: t('2024-06-05T00:00:00Z') },
    dueOn: null,
    progress: { kind: 'counts', targetDevices: 2, fixedDevices: 1 },
    taskId: null,
  },
  { ...common(5), type: 'AttentionRequired', status: 'Active' },
  {
    ...common(6),
    type: 'AttentionRequired',
    status: 'Completed',
    completion: {
      method: 'Manual',
      completedOn: t('2024-06-06T00:00:00Z'),
      completerEmail: user,
      completerId: null,
    },
  },
  {
    ...common(7),
    type: 'AttentionRequired',
    status: 'Completed',
    completion: { method: 'Unknown', completedOn: t('2024-06-07T00:00:00Z') },
  },
];

const activityDevices: ActivityDevice[] = (['exposed', 'fixed', 'leftScope'] as const).map((state, i) => ({
  activityId: activityId('act-1'),
  deviceId: dev(3 - i),
  rbacGroupName: i === 0 ? laptops : servers,
  state,
  changedOn: t('2024-06-02T00:00:00Z'),
  sentToTask: i !== 2,
}));
activityDevices.push({ ...activityDevices[0], deviceId: dev(9), state: 'vanished' } as ActivityDevice);

const tasks: IntuneTask[] = [
  {
    id: taskId('task-1'),
    activityId: activityId('act-1'),
    status: 'rejected',
    createdOn: t('2024-06-01T00:00:00Z'),
    sentDevices: 2,
    leftOutDevices: 1,
    reviewerNotes: hostile(6),
    statusChangedOn: t('2024-06-02T00:00:00Z'),
    statusChangedBy: 'admin@contoso.com',
  },
];

const exceptions: RemediationException[] = [
  {
    id: exceptionId('exc-2'),
    recommendationId: rec,
    justification: 'RiskAccepted',
    context: hostile(0),
    createdOn: t('2024-06-01T00:00:00Z'),
    createdBy: user,
    expiresOn: calendarDate('2024-09-01'),
    scope: { kind: 'groups', groups: [servers, laptops] },
    canceled: null,
    canceledGroups: [{ group: laptops, on: t('2024-06-03T00:00:00Z'), by: 'system' }],
  },
  {
    id: exceptionId('exc-1'),
    recommendationId: sca,
    justification: 'ThirdPartyControl',
    context: hostile(6),
    createdOn: t('2024-06-01T00:00:00Z'),
    createdBy: 'system',
    expiresOn: calendarDate('2024-12-31'),
    scope: { kind: 'global' },
    canceled: { on: t('2024-06-04T00:00:00Z'), by: user },
    canceledGroups: [],
  },
];

const at = (n: number) => t(`2024-06-0${n}T00:00:00Z`);
type Body = AuditEvent extends infer E
  ? E extends AuditEvent
    ? Omit<E, 'id' | 'at' | 'actor'>
    : never
  : never;
/** Events on day n; ids run backwards so id order and time order differ (events sort by time). */
const ev = (n: number, body: Body, i: number): AuditEvent =>
  ({
    ...body,
    id: eventId(`ev-${String(50 - i).padStart(2, '0')}`),
    at: at(n),
    actor: n % 2 ? user : 'system',
  }) as AuditEvent;
const a1 = activityId('act-1');
const task = taskId('task-1');
const bodies: [number, Body][] = [
  [1, { type: 'activity.created', activityId: a1, targetDevices: 3 }],
  [2, { type: 'activity.imported', activityId: activityId('act-2') }],
  [
    3,
    {
      type: 'activity.progress',
      activityId: a1,
      fixedDevices: 1,
      targetDevices: 3,
      changed: [
        { deviceId: dev(2), state: 'fixed' },
        { deviceId: dev(1), state: 'leftScope' },
      ],
    },
  ],
  [
    4,
    {
      type: 'activity.completed',
      activityId: activityId('act-2'),
      completion: { method: 'Automatic', completedOn: at(3) },
    },
  ],
  [
    5,
    {
      type: 'activity.completed',
      activityId: activityId('act-3'),
      completion: { method: 'Manual', completedOn: at(5), completerEmail: user, completerId: null },
    },
  ],
  [6, { type: 'activity.removed', activityId: activityId('act-gone'), reason: 'retention' }],
  [7, { type: 'task.created', taskId: task, activityId: a1, sentDevices: 2, leftOutDevices: 1 }],
  [
    8,
    { type: 'task.status', taskId: task, activityId: a1, from: 'pending', to: 'rejected', notes: hostile(6) },
  ],
  [9, { type: 'exception.created', exceptionId: exceptionId('exc-1') }],
  [1, { type: 'exception.canceled', exceptionId: exceptionId('exc-2'), group: laptops }],
  [2, { type: 'exception.canceled', exceptionId: exceptionId('exc-1'), group: null }],
  [3, { type: 'exception.expired', exceptionId: exceptionId('exc-2') }],
];
const events = bodies.map(([n, body], i) => ev(n, body, i));

export const testState = (): State => ({
  recommendations,
  devices,
  exposures,
  activities,
  activityDevices,
  tasks,
  exceptions,
  events,
});
