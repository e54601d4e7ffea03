import {
  type Activity,
  type ActivityType,
  activityId,
  addDays,
  addDaysToInstant,
  type Completion,
  dayOf,
  eventId,
  type IdSource,
  type Instant,
  type Priority,
  recommendationId,
  recommendationKeys,
  type State,
} from '../../core/index.ts';
import { GROUP_NAMES, HOSTILE, REQUESTERS } from './catalogue.ts';
import type { Rng } from './prng.ts';

interface PastActivity {
  readonly rec: string;
  readonly title: string;
  readonly type: ActivityType;
  readonly priority: Priority;
  /** Days before the first snapshot. */
  readonly createdAgo: number;
  /** Completion and how many days before the first snapshot; null while Active. */
  readonly done: { readonly method: Completion['method']; readonly ago: number } | null;
  readonly dueAfterCreation: number | null;
  readonly target: number;
  readonly fixed: number;
}

/**
 * Activities the tenant already had before the archive began, as the vendor's API lists them: counts
 * only, no device rows. Several were completed 150–179 days before the first snapshot, so retention
 * (R-RET-1) removes them from the live state within the archive's first weeks while the early
 * snapshots keep them; by the last snapshot they were completed more than 180 days before.
 */
const PAST: readonly PastActivity[] = [
  {
    rec: 'va-_-microsoft-_-silverlight',
    title: 'Uninstall Microsoft Silverlight',
    type: 'Uninstall',
    priority: 'High',
    createdAgo: 260,
    done: { method: 'Automatic', ago: 176 },
    dueAfterCreation: 30,
    target: 41,
    fixed: 41,
  },
  {
    rec: 'va-_-mozilla-_-firefox',
    title: 'Update Mozilla Firefox',
    type: 'Update',
    priority: 'Medium',
    createdAgo: 240,
    done: { method: 'Automatic', ago: 169 },
    dueAfterCreation: 60,
    target: 120,
    fixed: 120,
  },
  {
    rec: 'sca-_-scid-4002',
    title: 'Disable SMBv1 client driver',
    type: 'ConfigurationChange',
    priority: 'Low',
    createdAgo: 230,
    done: { method: 'Manual', ago: 178 },
    dueAfterCreation: 60,
    target: 35,
    fixed: 30,
  },
  {
    rec: 'va-_-adobe-_-acrobat_reader_dc',
    title: 'Update Adobe Acrobat Reader DC',
    type: 'Update',
    priority: 'Low',
    createdAgo: 300,
    done: { method: 'Unknown', ago: 160 },
    dueAfterCreation: 90,
    target: 77,
    fixed: 70,
  },
  {
    rec: 'va-_-notepad-plus-plus-_-notepad-plus-plus',
    title: 'Update Notepad++',
    type: 'AttentionRequired',
    priority: 'Low',
    createdAgo: 210,
    done: { method: 'Unknown', ago: 152 },
    dueAfterCreation: null,
    target: 0,
    fixed: 0,
  },
  {
    rec: 'va-_-google-_-chrome',
    title: 'Update Google Chrome',
    type: 'Update',
    priority: 'High',
    createdAgo: 90,
    done: { method: 'Manual', ago: 40 },
    dueAfterCreation: 14,
    target: 300,
    fixed: 288,
  },
  {
    rec: 'va-_-microsoft-_-windows_10',
    title: 'Update Windows 10',
    type: 'Update',
    priority: 'High',
    createdAgo: 75,
    done: null,
    dueAfterCreation: 30,
    target: 18511,
    fixed: 2866,
  },
  {
    rec: 'sca-_-scid-5001',
    title: "Set 'Minimum password length' to '14 or more character(s)'",
    type: 'ConfigurationChange',
    priority: 'Medium',
    createdAgo: 50,
    done: null,
    dueAfterCreation: 21,
    target: 140,
    fixed: 12,
  },
  {
    rec: 'va-_-oracle-_-jre',
    title: 'Update Oracle Jre',
    type: 'AttentionRequired',
    priority: 'Medium',
    createdAgo: 20,
    done: null,
    dueAfterCreation: null,
    target: 0,
    fixed: 0,
  },
  // Vendor records without a due date: the team's SLA gives them one (R-SLA-2). OpenSSL (High, 30
  // days) is past it before the archive begins, a breach until it is completed; VLC (Medium, 90
  // days) was completed by hand after it, late.
  {
    rec: 'va-_-openssl-_-openssl',
    title: 'Update OpenSSL',
    type: 'Update',
    priority: 'High',
    createdAgo: 45,
    done: null,
    dueAfterCreation: null,
    target: 60,
    fixed: 18,
  },
  {
    rec: 'va-_-videolan-_-vlc_media_player',
    title: 'Update VLC media player',
    type: 'Update',
    priority: 'Medium',
    createdAgo: 130,
    done: { method: 'Manual', ago: 10 },
    dueAfterCreation: null,
    target: 25,
    fixed: 25,
  },
];

export function importedHistory(seed: {
  readonly rng: Rng;
  readonly ids: IdSource;
  readonly start: Instant;
}): Pick<State, 'activities' | 'activityDevices' | 'tasks' | 'exceptions' | 'events'> {
  const { rng, ids, start } = seed;
  const activities: Activity[] = PAST.map((p, i) => {
    const rec = recommendationId(p.rec);
    const createdOn = addDaysToInstant(start, -p.createdAgo);
    const requester = rng.pick(REQUESTERS);
    const common = {
      id: activityId(ids.next('activity')),
      title: p.title,
      description: `${p.title} to reduce exposure.  Imported from the portal.`,
      recommendationId: rec,
      createdOn,
      requesterId: rng.guid(),
      requesterEmail: requester,
      relatedComponent: p.title.replace(/^(Update|Uninstall) /, ''),
      rbacGroupNames: i % 2 === 0 ? [] : [rng.pick(GROUP_NAMES)],
      requesterNotes: i === 3 ? HOSTILE[4] : '',
      category: p.rec.startsWith('sca-') ? ('SecurityConfiguration' as const) : ('Software' as const),
      productivityImpactRemediationType: null,
      priority: p.priority,
      ...recommendationKeys(rec),
      recommendedVersion: null,
      recommendedVendor: null,
      recommendedProgram: null,
    };
    const completion = p.done && completionOf(p.done, { start, rng });
    const status = completion
      ? { status: 'Completed' as const, completion, statusLastModifiedOn: completion.completedOn }
      : { status: 'Active' as const, statusLastModifiedOn: createdOn };
    if (p.type === 'AttentionRequired') {
      if (completion?.method === 'Automatic')
        throw new Error('attention required never completes automatically');
      return { ...common, ...status, type: p.type } as Activity;
    }
    return {
      ...common,
      ...status,
      type: p.type,
      dueOn: p.dueAfterCreation === null ? null : addDays(dayOf(createdOn), p.dueAfterCreation),
      progress: { kind: 'counts', targetDevices: p.target, fixedDevices: p.fixed },
      taskId: null,
    } as Activity;
  });
  return {
    activities,
    activityDevices: [],
    tasks: [],
    exceptions: [],
    events: activities.map((a) => ({
      id: eventId(ids.next('event')),
      at: start,
      actor: 'system' as const,
      type: 'activity.imported' as const,
      activityId: a.id,
    })),
  };
}

function completionOf(
  done: NonNullable<PastActivity['done']>,
  { start, rng }: { readonly start: Instant; readonly rng: Rng },
): Completion {
  const completedOn = addDaysToInstant(start, -done.ago);
  if (done.method === 'Manual')
    return { method: 'Manual', completedOn, completerEmail: rng.pick(REQUESTERS), completerId: rng.guid() };
  return { method: done.method, completedOn };
}
