import type { Activity } from '../model/activity.ts';
import type { ActivityId, DeviceGroupName, RecommendationId } from '../model/ids.ts';
import type { State } from '../model/state.ts';

/** The device groups a request names: every group, or some. An activity's empty list means every group. */
export type RequestGroups = 'all' | readonly DeviceGroupName[];

const groupsOf = (a: Activity): RequestGroups => (a.rbacGroupNames.length === 0 ? 'all' : a.rbacGroupNames);

const overlap = (a: RequestGroups, b: RequestGroups): boolean =>
  a === 'all' || b === 'all' || a.some((g) => b.includes(g));

/**
 * R-MERGE-2 (PD): the Active activities of `recommendationId` whose device groups overlap `groups`.
 * Two admins may request the same fix for the same devices, each in their own browser: both requests
 * are kept (neither admin's work is dropped), and each is shown as a possible duplicate of the
 * other; the request form warns before a new one is made.
 */
export function overlappingActivities(
  state: Pick<State, 'activities'>,
  recommendationId: RecommendationId,
  groups: RequestGroups,
): Activity[] {
  return state.activities.filter(
    (a) => a.status === 'Active' && a.recommendationId === recommendationId && overlap(groupsOf(a), groups),
  );
}

/**
 * R-MERGE-2 (PD): every Active activity that has possible duplicates, with their ids (sorted): the
 * other Active activities of its recommendation whose device groups overlap its own.
 */
export function possibleDuplicates(
  state: Pick<State, 'activities'>,
): ReadonlyMap<ActivityId, readonly ActivityId[]> {
  const byRec = new Map<RecommendationId, Activity[]>();
  for (const a of state.activities) {
    if (a.status !== 'Active' || a.recommendationId === null) continue;
    const list = byRec.get(a.recommendationId);
    if (list) list.push(a);
    else byRec.set(a.recommendationId, [a]);
  }
  const out = new Map<ActivityId, ActivityId[]>();
  for (const list of byRec.values()) {
    for (const a of list) {
      const others = list
        .filter((b) => b.id !== a.id && overlap(groupsOf(a), groupsOf(b)))
        .map((b) => b.id)
        .sort();
      if (others.length > 0) out.set(a.id, others);
    }
  }
  return out;
}
