/**
 * A small archive for the site tests: two snapshots and their history, with every kind of
 * activity, task, exception and completion, a capped Intune task, more devices than fit on one
 * page, and hostile strings where text goes; DefectDojo's SLA in remdesk.json and each snapshot's
 * fixes.csv, for the metrics (their figures are worked out by hand in site.test.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Activity,
  type ActivityDevice,
  type AuditEvent,
  activityId,
  addDaysToInstant,
  calendarDate,
  type Device,
  deviceGroupName,
  type Exposure,
  email,
  emptyState,
  encodeSnapshot,
  eventId,
  exceptionId,
  exposureFixes,
  FIXES_FILE,
  fixesFileBytes,
  HISTORY_FILE,
  historyLineText,
  type Instant,
  type IntuneTask,
  instant,
  type Recommendation,
  type RemediationException,
  recommendationId,
  SETTINGS_FILE,
  SNAPSHOTS_FOLDER,
  type State,
  snapshotName,
  summarize,
  type TrackedActivity,
  taskId,
} from '../../../core/index.ts';
import { rec as baseRec, devId } from '../../support/core/builders.ts';

export const NOW: Instant = instant('2026-11-29T08:00:00Z');
export const PREVIOUS: Instant = addDaysToInstant(NOW, -7);
/** Text that must appear literally on the pages and never run. */
export const HOSTILE_TITLE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> Update Chrome';
export const HOSTILE_GROUP = '<b>Servers & "Labs"</b>';
export const DEVICE_COUNT = 460;
/** The archive's SLA policy: DefectDojo's defaults (critical 7, high 30, medium 90, low 120 days). */
export const SETTINGS = '{ "sla": { "preset": "defectdojo" } }\n';

const CHROME = recommendationId('va-_-google-_-chrome');
const SMB = recommendationId('sca-_-scid-2000');
const JAVA = recommendationId('va-_-oracle-_-jre');
const groups = [deviceGroupName('Workstations'), deviceGroupName(HOSTILE_GROUP)] as const;

/** The shared builder's recommendation with this archive's figures. */
const rec = (id: typeof CHROME, name: string, over: Partial<Recommendation> = {}): Recommendation =>
  baseRec({
    id,
    recommendationName: name,
    weaknesses: 3,
    recommendedVersion: '131.0',
    severityScore: 8.1,
    publicExploit: true,
    exposureImpact: 2.5,
    totalMachineCount: DEVICE_COUNT,
    exposedMachinesCount: 0,
    ...over,
  });

const base = {
  description: 'Update  Chrome on every workstation.\n=SUM(1,2)',
  createdOn: addDaysToInstant(NOW, -40),
  requesterId: null,
  requesterEmail: email('alice@contoso.com'),
  statusLastModifiedOn: addDaysToInstant(NOW, -3),
  relatedComponent: 'Chrome',
  rbacGroupNames: [],
  requesterNotes: '',
  category: 'Software',
  productivityImpactRemediationType: null,
  scid: null,
  productId: 'chrome',
  vendorId: 'google',
  nameId: null,
  recommendedVersion: '131.0',
  recommendedVendor: null,
  recommendedProgram: null,
} as const;

function build(now: Instant, late: boolean): State {
  const devices: Device[] = Array.from({ length: DEVICE_COUNT }, (_, n) => ({
    id: devId(n + 1),
    computerDnsName: n === 0 ? '<script>window.__pwned=3</script>.contoso.com' : `host-${n + 1}.contoso.com`,
    osPlatform: 'Windows11',
    rbacGroupName: groups[n % 2] ?? groups[0],
    machineTags: [],
    exposureLevel: null,
    riskScore: null,
    lastSeen: null,
  }));
  const fixedUpTo = late ? 120 : 60;
  // Chrome (High) was first seen 50 days before NOW on the Workstations (even devices), 20 days
  // before on the other group (odd ones); SMBv1 (Critical) 10 days before on devices 1..40.
  const exposures: Exposure[] = devices.slice(fixedUpTo).map((d, k) => ({
    deviceId: d.id,
    recommendationId: CHROME,
    vulnerabilities: 2,
    highestSeverity: 'High',
    firstSeen: addDaysToInstant(NOW, (fixedUpTo + k) % 2 === 0 ? -50 : -20),
    lastSeen: null,
  }));
  exposures.push(
    ...devices.slice(0, 40).map(
      (d): Exposure => ({
        deviceId: d.id,
        recommendationId: SMB,
        vulnerabilities: 1,
        highestSeverity: 'Critical',
        firstSeen: addDaysToInstant(NOW, -10),
        lastSeen: null,
      }),
    ),
  );
  const chrome: TrackedActivity = {
    ...base,
    id: activityId('act-chrome'),
    title: HOSTILE_TITLE,
    recommendationId: CHROME,
    requesterNotes: 'Say "hi", then patch.\nSecond line <i>not italic</i>',
    priority: 'High',
    status: 'Active',
    type: 'Update',
    dueOn: calendarDate('2026-11-20'),
    progress: {
      kind: 'devices',
      targetDevices: DEVICE_COUNT,
      fixedDevices: fixedUpTo,
      leftScopeDevices: 0,
      vanishedDevices: 0,
    },
    taskId: taskId('task-1'),
  };
  const activities: Activity[] = [
    chrome,
    {
      ...base,
      id: activityId('act-attention'),
      title: 'Review Java runtime',
      recommendationId: JAVA,
      priority: 'Medium',
      status: 'Active',
      type: 'AttentionRequired',
    },
    {
      ...base,
      id: activityId('act-smb'),
      title: 'Disable SMBv1',
      recommendationId: SMB,
      category: 'SecurityConfiguration',
      priority: 'Low',
      status: 'Active',
      type: 'ConfigurationChange',
      dueOn: calendarDate('2027-01-15'),
      progress: { kind: 'counts', targetDevices: 40, fixedDevices: 5 },
      taskId: null,
      rbacGroupNames: [groups[0]],
    },
    {
      ...base,
      id: activityId('act-auto'),
      title: 'Update Edge',
      recommendationId: CHROME,
      priority: 'Medium',
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: addDaysToInstant(now, -20) },
      type: 'Update',
      dueOn: calendarDate('2026-10-01'),
      progress: { kind: 'counts', targetDevices: 12, fixedDevices: 12 },
      taskId: null,
    },
    {
      ...base,
      id: activityId('act-unknown'),
      title: 'Old imported activity',
      recommendationId: null,
      priority: 'Low',
      status: 'Completed',
      completion: { method: 'Unknown', completedOn: addDaysToInstant(now, -90) },
      type: 'Uninstall',
      dueOn: null,
      progress: { kind: 'counts', targetDevices: 3, fixedDevices: 1 },
      taskId: null,
    },
  ];
  // Completed by hand between the two snapshots: "completed since the previous snapshot".
  activities.push(
    late
      ? {
          ...base,
          id: activityId('act-manual'),
          title: 'Uninstall WinRAR',
          recommendationId: JAVA,
          priority: 'High',
          status: 'Completed',
          completion: {
            method: 'Manual',
            completedOn: addDaysToInstant(now, -2),
            completerEmail: email('bob@contoso.com'),
            completerId: null,
          },
          type: 'Uninstall',
          dueOn: calendarDate('2026-12-01'),
          progress: { kind: 'counts', targetDevices: 8, fixedDevices: 6 },
          taskId: null,
        }
      : {
          ...base,
          id: activityId('act-manual'),
          title: 'Uninstall WinRAR',
          recommendationId: JAVA,
          priority: 'High',
          status: 'Active',
          type: 'Uninstall',
          dueOn: calendarDate('2026-12-01'),
          progress: { kind: 'counts', targetDevices: 8, fixedDevices: 6 },
          taskId: null,
        },
  );
  // At the edges of the period (PREVIOUS, NOW]: completed at the previous snapshot's own time (that
  // snapshot shows it: not "since"), and two at the latest snapshot's time (this one's), so that
  // counting [PREVIOUS, NOW) instead gives another number.
  const edge = {
    ...base,
    recommendationId: CHROME,
    priority: 'Low',
    type: 'Update',
    dueOn: null,
    progress: { kind: 'counts', targetDevices: 2, fixedDevices: 2 },
    taskId: null,
  } as const;
  activities.push(
    {
      ...edge,
      id: activityId('act-at-previous'),
      title: 'Update Firefox',
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: PREVIOUS },
    },
    ...(
      [
        ['act-at-latest', 'Update Zoom'],
        ['act-at-latest-2', 'Update Slack'],
      ] as const
    ).map(
      ([id, title]): Activity =>
        late
          ? {
              ...edge,
              id: activityId(id),
              title,
              status: 'Completed',
              completion: { method: 'Automatic', completedOn: NOW },
            }
          : {
              ...edge,
              id: activityId(id),
              title,
              status: 'Active',
              progress: { kind: 'counts', targetDevices: 2, fixedDevices: 1 },
            },
    ),
  );
  const activityDevices: ActivityDevice[] = devices.map((d, n) => ({
    activityId: chrome.id,
    deviceId: d.id,
    rbacGroupName: d.rbacGroupName,
    state: n < fixedUpTo ? 'fixed' : 'exposed',
    changedOn: chrome.createdOn,
    sentToTask: true,
  }));
  const tasks: IntuneTask[] = [
    {
      id: taskId('task-1'),
      activityId: chrome.id,
      status: late ? 'active' : 'pending',
      createdOn: chrome.createdOn,
      sentDevices: 10_000,
      leftOutDevices: 2_500,
      reviewerNotes: '<u>accepted</u>',
      statusChangedOn: addDaysToInstant(now, -1),
      statusChangedBy: 'it-admin@contoso.com',
    },
  ];
  const exc = (id: string, over: Partial<RemediationException>): RemediationException => ({
    id: exceptionId(id),
    recommendationId: SMB,
    justification: 'ThirdPartyControl',
    context: 'Covered by the firewall. =cmd|calc',
    createdOn: addDaysToInstant(NOW, -30),
    createdBy: email('carol@contoso.com'),
    expiresOn: calendarDate('2027-02-01'),
    scope: { kind: 'global' },
    canceled: null,
    canceledGroups: [],
    ...over,
  });
  const exceptions: RemediationException[] = [
    exc('exc-global', {}),
    exc('exc-suspended', { justification: 'RiskAccepted', scope: { kind: 'groups', groups: [groups[0]] } }),
    exc('exc-expiring', {
      recommendationId: CHROME,
      justification: 'PlannedRemediation',
      expiresOn: calendarDate('2026-12-10'),
      scope: { kind: 'groups', groups: [groups[0], groups[1]] },
    }),
    exc('exc-expired', {
      recommendationId: JAVA,
      justification: 'AlternateMitigation',
      expiresOn: calendarDate('2026-11-01'),
    }),
  ];
  const events: AuditEvent[] = [
    {
      id: eventId('ev-1'),
      at: chrome.createdOn,
      actor: email('alice@contoso.com'),
      type: 'activity.created',
      activityId: chrome.id,
      targetDevices: DEVICE_COUNT,
    },
    {
      id: eventId('ev-2'),
      at: chrome.createdOn,
      actor: email('alice@contoso.com'),
      type: 'task.created',
      taskId: taskId('task-1'),
      activityId: chrome.id,
      sentDevices: 10_000,
      leftOutDevices: 2_500,
    },
    {
      id: eventId('ev-3'),
      at: addDaysToInstant(now, -1),
      actor: 'system',
      type: 'activity.progress',
      activityId: chrome.id,
      fixedDevices: fixedUpTo,
      targetDevices: DEVICE_COUNT,
      changed: [],
    },
  ];
  const recommendations = [
    rec(CHROME, 'Update Google Chrome to version 131.0'),
    rec(SMB, 'Disable SMBv1 <script>window.__pwned=4</script>', {
      remediationType: 'ConfigurationChange',
      recommendationCategory: 'Network',
    }),
    rec(JAVA, 'Update Oracle Java runtime', { productName: 'jre', relatedComponent: 'Java' }),
  ];
  return { recommendations, devices, exposures, activities, activityDevices, tasks, exceptions, events };
}

/** Writes the archive to `dir` (each snapshot with its fixes.csv, and remdesk.json) and returns the latest state and its moment. */
export async function writeTestArchive(
  dir: string,
): Promise<{ state: State; now: Instant; previous: State }> {
  const previous = build(PREVIOUS, false);
  const state = build(NOW, true);
  let history = '';
  let before = emptyState();
  for (const [at, s] of [
    [PREVIOUS, previous],
    [NOW, state],
  ] as const) {
    const folder = join(dir, SNAPSHOTS_FOLDER, snapshotName(at));
    await mkdir(folder, { recursive: true });
    for (const [name, bytes] of await encodeSnapshot(s, { generatedAt: at, source: 'site test' })) {
      await writeFile(join(folder, name), bytes);
    }
    // As remdesk writes it: the exposures the snapshot before showed and this one no longer does.
    await writeFile(join(folder, FIXES_FILE), fixesFileBytes(exposureFixes(before, s, at)));
    before = s;
    history += historyLineText({ at, snapshot: snapshotName(at), figures: summarize(s, at) });
  }
  await writeFile(join(dir, HISTORY_FILE), history);
  await writeFile(join(dir, SETTINGS_FILE), SETTINGS);
  return { state, now: NOW, previous };
}
