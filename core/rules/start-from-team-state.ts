import { applyChanges } from '../model/apply-changes.ts';
import type { TeamStateRef } from '../model/change-bundle.ts';
import type { Email } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { changesInHistory } from './changes-in-history.ts';
import { expireExceptions } from './expire-exceptions.ts';
import { mergeBundles } from './merge-bundles.ts';
import { applyRetention } from './retention.ts';

/** What an admin's extension knows of the team state it holds (null before it loads one). */
export interface LocalBase {
  readonly ref: TeamStateRef | null;
  /** The event ids of that team state: every other admin change in the local history is pending. */
  readonly events: ReadonlySet<string>;
}

/** The admin changes of a local state the team state it started from does not have: still to send. */
export const pendingChanges = (local: State, base: LocalBase) =>
  changesInHistory(local, (e) => !base.events.has(e.id));

/**
 * R-MERGE-1: an admin starts from the team's state without losing their own work. Their pending
 * changes (made since the team state they held, exported or not) are merged on top of the new team
 * state by the same rules as the archive's (`mergeBundles`), then the time-driven rules run as
 * they do on import (expiry, R-EXC-4; retention, R-RET-1). Pending changes made on another archive
 * are refused (InputError): they would only make sense there, so the admin exports them first.
 */
export function startFromTeamState(
  team: { readonly state: State; readonly ref: TeamStateRef },
  local: State,
  base: LocalBase,
  /** The admin (null when no email is set: the changes' own actor names them), and the install. */
  who: { readonly admin: Email | null; readonly install: string },
  now: Instant,
): { readonly state: State; readonly kept: number; readonly notes: readonly string[] } {
  const { changes } = pendingChanges(local, base);
  let state = team.state;
  const notes: string[] = [];
  const first = changes[0];
  if (first !== undefined) {
    const admin = who.admin ?? (first.event.actor as Email); // a pending change is a person's
    const out = mergeBundles(
      state,
      [
        {
          file: 'your changes not yet in the team state',
          bundle: { admin, install: who.install, base: base.ref, createdAt: now, changes },
        },
      ],
      { archive: team.ref.archive },
    );
    state = applyChanges(state, out.changes);
    notes.push(...(out.changes.notes ?? []));
  }
  state = applyChanges(state, expireExceptions(state, now));
  state = applyChanges(state, applyRetention(state, now));
  return { state, kept: changes.length, notes };
}
