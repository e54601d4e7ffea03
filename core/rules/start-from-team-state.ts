import { counted } from '../counted.ts';
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
 * would only make sense there: they are refused (`PendingElsewhereError`), unless the admin, having
 * exported them, says to leave them out (`leaveOutPendingElsewhere`). `kept` counts the changes
 * carried over; `unsendable` those about activities no longer here (see `changesInHistory`).
 */
export function startFromTeamState(
  team: { readonly state: State; readonly ref: TeamStateRef },
  local: State,
  base: LocalBase,
  /** The admin (null when no email is set: the changes' own actor names them), and the install. */
  who: { readonly admin: Email | null; readonly install: string },
  now: Instant,
  opts: { readonly leaveOutPendingElsewhere?: boolean } = {},
): {
  readonly state: State;
  readonly kept: number;
  readonly unsendable: number;
  readonly notes: readonly string[];
} {
  const pending = pendingChanges(local, base);
  const elsewhere = base.ref !== null && base.ref.archive !== team.ref.archive;
  if (elsewhere && pending.changes.length > 0 && !opts.leaveOutPendingElsewhere)
    throw new PendingElsewhereError(pending.changes.length, base.ref?.archive ?? '', team.ref.archive);
  const changes = elsewhere ? [] : pending.changes;
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
      { archive: team.ref.archive, now },
    );
    state = applyChanges(state, out.changes);
    notes.push(...(out.changes.notes ?? []));
  }
  state = applyChanges(state, expireExceptions(state, now));
  state = applyChanges(state, applyRetention(state, now));
  return { state, kept: changes.length, unsendable: pending.skipped, notes };
}

/** Pending changes were made on another archive than the team state being loaded. */
export class PendingElsewhereError extends Error {
  override readonly name = 'PendingElsewhereError';
  constructor(
    readonly pending: number,
    readonly from: string,
    readonly to: string,
  ) {
    super(
      `${counted(pending, 'change')} not yet sent ${pending === 1 ? 'was' : 'were'} made on archive ${from}, not on ${to}: export them first (they would be lost here)`,
    );
  }
}
