import type { Activity, Priority } from '../model/activity.ts';
import type { RemediationException } from '../model/exception.ts';
import type { RecommendationId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { exceptionsInEffect } from './exception-status.ts';
import { daysOverdue, dueDateOf } from './overdue.ts';

export type TopEntry =
  | { readonly kind: 'activity'; readonly activity: Activity; readonly daysOverdue: number }
  | { readonly kind: 'exception'; readonly exception: RemediationException };

const PRIORITY_RANK: Record<Priority, number> = { High: 0, Medium: 1, Low: 2 };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * R-TOP-1 (PD): active activities, most urgent first — overdue, then priority High→Low, then the
 * recommendation's exposure impact, then the earliest due date (none last), then id so ties are
 * stable. "Show more" appends the exceptions in effect, soonest expiry first.
 */
export function topActivities(
  state: State,
  now: Instant,
  opts: { readonly includeExceptions?: boolean; readonly limit?: number } = {},
): readonly TopEntry[] {
  const impact = new Map<RecommendationId, number>(
    state.recommendations.map((r) => [r.id, r.exposureImpact]),
  );
  const impactOf = (a: Activity) => (a.recommendationId === null ? 0 : (impact.get(a.recommendationId) ?? 0));
  const active = state.activities
    .filter((a) => a.status === 'Active')
    .map((activity) => ({ kind: 'activity' as const, activity, daysOverdue: daysOverdue(activity, now) }));
  active.sort((x, y) => {
    const a = x.activity;
    const b = y.activity;
    const dueA = dueDateOf(a);
    const dueB = dueDateOf(b);
    return (
      Number(y.daysOverdue > 0) - Number(x.daysOverdue > 0) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      impactOf(b) - impactOf(a) ||
      (dueA === dueB ? 0 : dueA === null ? 1 : dueB === null ? -1 : byText(dueA, dueB)) ||
      byText(a.id, b.id)
    );
  });
  const entries: TopEntry[] = active;
  if (opts.includeExceptions) {
    const exceptions = [...exceptionsInEffect(state, now)].sort(
      (a, b) => byText(a.expiresOn, b.expiresOn) || byText(a.id, b.id),
    );
    entries.push(...exceptions.map((exception) => ({ kind: 'exception' as const, exception })));
  }
  return opts.limit === undefined ? entries : entries.slice(0, opts.limit);
}
