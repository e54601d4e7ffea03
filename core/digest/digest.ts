import type { ReportMetrics } from '../metrics/report-metrics.ts';
import { isTracked, type Priority } from '../model/activity.ts';
import { compareText } from '../model/canonical-order.ts';
import type { ActivityId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { CalendarDate, Instant } from '../model/time.ts';
import type { StateDiff } from '../rules/diff-states.ts';
import type { Figures } from '../rules/summarize.ts';
import { topActivities } from '../rules/top-activities.ts';
import { setsNoSla } from '../sla/policy.ts';

/** How many overdue activities and device groups a digest lists: it is read in a mail or a chat. */
export const DIGEST_TOP = 5;
export const DIGEST_GROUPS = 10;

/** What an archive's latest snapshot says, for a manager: the report's figures, not new ones. */
export interface DigestSource {
  readonly state: State;
  readonly at: Instant;
  /** The snapshot before, whose comparison `diff` is; null for an archive of one snapshot. */
  readonly previousAt: Instant | null;
  readonly diff: StateDiff | null;
  readonly figures: Figures;
  readonly metrics: ReportMetrics;
}

/** M-SLA-1's share, with what it is the share of, so a reader sees "1 of 1" is no trend. */
export interface DigestShare {
  readonly share: number | null;
  readonly onTime: number;
  readonly closed: number;
}

export interface DigestOverdue {
  readonly id: ActivityId;
  readonly title: string;
  readonly priority: Priority;
  readonly dueOn: CalendarDate;
  readonly daysOverdue: number;
  readonly fixedDevices: number;
  readonly targetDevices: number;
}

export interface DigestGroup {
  readonly group: string;
  /** Exposures open past their SLA (M-SLA-1's breaches). */
  readonly breaches: number;
  readonly open: number;
  readonly compliance: DigestShare;
}

/** The week's digest (docs/cli.md): one structure, worded by `digestText`, rendered three ways. */
export interface Digest {
  readonly at: Instant;
  /** The metrics' headline period, [from, to]. */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** False when the archive sets no SLA: compliance and breaches then measure nothing. */
  readonly sla: boolean;
  readonly exposures: {
    readonly open: number;
    readonly compliance: DigestShare;
    readonly breaches: number;
    readonly medianDays: number | null;
  };
  readonly activities: {
    readonly active: number;
    readonly overdue: number;
    readonly compliance: DigestShare;
    readonly medianDays: number | null;
  };
  /** Since the previous snapshot; null when there is none. */
  readonly changes: {
    readonly since: Instant;
    readonly created: number;
    readonly completed: number;
    readonly devicesFixed: number;
    readonly devicesNewlyExposed: number;
    readonly exceptionsAdded: number;
    readonly exceptionsEnded: number;
  } | null;
  /** The most urgent overdue activities (R-TOP-1's order), at most DIGEST_TOP. */
  readonly overdue: readonly DigestOverdue[];
  /** Device groups with exposures past their SLA, most first, at most DIGEST_GROUPS. */
  readonly groups: readonly DigestGroup[];
  /** Groups with breaches beyond those listed. */
  readonly moreGroups: number;
}

const shareOf = (c: ReportMetrics['exposures']['headline']['compliance']): DigestShare => ({
  share: c.share,
  onTime: c.onTime,
  closed: c.closed,
});

/** The digest of a report: every number is the site's, from core's metrics, figures and diff. */
export function weekDigest(s: DigestSource): Digest {
  const { metrics: m, diff } = s;
  // R-TOP-1 puts the overdue first; an overdue activity is a tracked one with a due date (R-DUE-1).
  const overdue: DigestOverdue[] = [];
  for (const e of topActivities(s.state, s.at)) {
    if (e.kind !== 'activity' || e.daysOverdue === 0 || overdue.length === DIGEST_TOP) break;
    const a = e.activity;
    if (!isTracked(a) || a.dueOn === null) continue;
    overdue.push({
      id: a.id,
      title: a.title,
      priority: a.priority,
      dueOn: a.dueOn,
      daysOverdue: e.daysOverdue,
      fixedDevices: a.progress.fixedDevices,
      targetDevices: a.progress.targetDevices,
    });
  }
  const breached = m.exposures.byGroup
    .filter((g) => g.compliance.openPastDue > 0)
    .sort((a, b) => b.compliance.openPastDue - a.compliance.openPastDue || compareText(a.key, b.key))
    .map((g) => ({
      group: g.key,
      breaches: g.compliance.openPastDue,
      open: g.open,
      compliance: shareOf(g.compliance),
    }));
  const sum = (counts: readonly { readonly count: number }[]) => counts.reduce((n, c) => n + c.count, 0);
  return {
    at: s.at,
    from: m.from,
    to: m.to,
    // As the metrics page tells it: no SLA is a policy giving no days anywhere.
    sla: !setsNoSla(m.sla),
    exposures: {
      open: m.exposures.headline.open,
      compliance: shareOf(m.exposures.headline.compliance),
      breaches: m.exposures.headline.compliance.openPastDue,
      medianDays: m.exposures.headline.timeToRemediate.medianDays,
    },
    activities: {
      active: s.figures.activities.byStatus.Active,
      overdue: s.figures.activities.overdue,
      compliance: shareOf(m.activities.headline.compliance),
      medianDays: m.activities.headline.timeToRemediate.medianDays,
    },
    changes:
      diff === null || s.previousAt === null
        ? null
        : {
            since: s.previousAt,
            created: diff.activities.created.length,
            completed: diff.activities.completed.length,
            devicesFixed: sum(diff.exposures.map((x) => x.fixed)),
            devicesNewlyExposed: sum(diff.exposures.map((x) => x.newlyExposed)),
            exceptionsAdded: diff.exceptions.added.length,
            exceptionsEnded: diff.exceptions.expired.length + diff.exceptions.canceled.length,
          },
    overdue,
    groups: breached.slice(0, DIGEST_GROUPS),
    moreGroups: Math.max(0, breached.length - DIGEST_GROUPS),
  };
}
