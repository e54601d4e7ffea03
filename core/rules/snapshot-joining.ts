import type { BundleChange } from '../model/change-bundle.ts';
import type { Email } from '../model/ids.ts';
import { isEmptyState, type State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { changesInHistory } from './changes-in-history.ts';
import type { BundleInput } from './merge-bundles.ts';

/**
 * R-MERGE-1: what a snapshot (exported by an older extension, or another admin's) does to data.
 * Into empty data it is the first state. Into data it never replaces anyone's work: it joins as the
 * admin changes its history records, one bundle per admin, to merge by the team's rules; its vendor
 * tables are not taken (the data's own stand).
 */
export function snapshotJoining(
  into: State,
  snapshot: State,
  file: string,
  now: Instant,
):
  | { readonly kind: 'seed'; readonly state: State }
  | { readonly kind: 'merge'; readonly inputs: BundleInput[]; readonly note: string } {
  if (isEmptyState(into)) return { kind: 'seed', state: snapshot };
  const byAdmin = new Map<Email, BundleChange[]>();
  for (const c of changesInHistory(snapshot, () => true).changes) {
    const admin = c.event.actor as Email; // an admin change: never the system's
    const list = byAdmin.get(admin);
    if (list) list.push(c);
    else byAdmin.set(admin, [c]);
  }
  return {
    kind: 'merge',
    inputs: [...byAdmin].map(([admin, changes]) => ({
      file,
      bundle: { admin, install: `snapshot ${file}`, base: null, createdAt: now, changes },
    })),
    note: `${file}: a snapshot joins data as the admins' changes its history records; its vendor data is not taken (the data's own stands)`,
  };
}
