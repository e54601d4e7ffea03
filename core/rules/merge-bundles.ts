import { changeLine } from '../codecs/bundle/change-bundle-file.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { BundleChange, ChangeBundle } from '../model/change-bundle.ts';
import type { ChangeSet, State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { BundleMergeState, latestFrom, type Problem } from './bundle-merge-state.ts';

/** A bundle to merge, with the file it came from (for messages). */
export interface BundleInput {
  readonly file: string;
  readonly bundle: ChangeBundle;
}

/** What one bundle brought. */
export interface BundleMerged {
  readonly file: string;
  readonly admin: ChangeBundle['admin'];
  readonly install: string;
  /** Changes new to the archive (applied, or kept in history where a rule says another stands). */
  readonly added: number;
  /** Changes the archive already had (the same bundle again, or a bundle sent twice). */
  readonly alreadyMerged: number;
  /** Whose the new changes are, by email: a bundle may carry changes of others it was given. */
  readonly byActor: Readonly<Record<string, number>>;
}

export interface MergeOutcome {
  readonly changes: ChangeSet;
  readonly merged: readonly BundleMerged[];
}

/**
 * R-MERGE-1..6: merges the change bundles of any number of admins into a state, as one ChangeSet.
 * Every rule is a choice that does not depend on arrival (the earliest completion, the latest
 * ticket status, the earliest cancellation, the union of what was created), so any bundles in any
 * order, in one import or several, give the same state, and a change the state already has (by its
 * event id) is a no-op. Every event is kept in the history, including those a rule overrides.
 *
 * - R-MERGE-1 new activities, tickets and exceptions are added; each admin's changes apply in the
 *   order they were made. A change about something another bundle of the same import brings (a
 *   status set on a ticket another admin made) waits for it, so the order of files is free too.
 * - R-MERGE-2 two requests for one recommendation with overlapping groups are both kept: see
 *   `possibleDuplicates`.
 * - R-MERGE-3 the first completion stands (a person's or the system's); a later one is history only.
 * - R-MERGE-4 a ticket's status is that of its latest change; its notes, those of the latest change
 *   that has notes.
 * - R-MERGE-5 an exception's cancellation, whole or per group, is the earliest one made; a group
 *   canceled by one admin and the whole exception by another are both recorded.
 * - R-MERGE-6 a change to an activity that retention removed (R-RET-1) is kept in the history only.
 *
 * Refused, the whole merge, with an InputError naming the bundle file, the change's line and the
 * field: a bundle made from another archive (`archive`, from `archiveIdOf`) or after `now`; a change
 * after its bundle was made, or before what it changes was; from a bundle that started from no
 * team state, a request or exception naming a recommendation or devices the archive lacks; a
 * ticket its activity does not name; an event id the state has with
 * other content; a change about something neither the state nor any bundle has.
 */
export function mergeBundles(
  state: State,
  inputs: readonly BundleInput[],
  opts: { readonly archive: string | null; readonly now: Instant },
): MergeOutcome {
  const issues: InputIssue[] = [];
  for (const { file, bundle } of inputs) {
    if (bundle.base !== null && opts.archive !== null && bundle.base.archive !== opts.archive)
      issues.push({
        file,
        line: 1,
        field: 'base.archive',
        message: `the bundle was made from another archive (${bundle.base.archive}); this archive is ${opts.archive}`,
      });
    if (bundle.createdAt > latestFrom(opts.now))
      issues.push({ file, line: 1, field: 'createdAt', message: `${bundle.createdAt} is in the future` });
  }
  if (issues.length > 0) throw new InputError(issues);

  const m = new BundleMergeState(state);
  const merged = inputs.map(({ file, bundle }) => ({
    file,
    admin: bundle.admin,
    install: bundle.install,
    added: 0,
    alreadyMerged: 0,
    byActor: {} as Record<string, number>,
  }));
  type Waiting = { readonly b: number; readonly i: number; readonly problem: Problem };
  const latest = inputs.map(({ bundle }) => latestFrom(bundle.createdAt));
  const applyOne = (b: number, i: number, waiting: Waiting[]): void => {
    const input = inputs[b] as BundleInput;
    const outcome = merged[b] as (typeof merged)[number];
    const change = input.bundle.changes[i] as BundleChange;
    const result = m.apply(change, input.bundle.createdAt, latest[b] as Instant, input.bundle.base === null);
    if (result === 'already') outcome.alreadyMerged++;
    else if (result === null) {
      outcome.added++;
      const actor = change.event.actor;
      outcome.byActor[actor] = (outcome.byActor[actor] ?? 0) + 1;
    } else if (result.waits) waiting.push({ b, i, problem: result });
    else issues.push(issueOf(input.file, i, result));
  };
  // Each bundle's changes in the order its admin made them (a request before the completion of
  // what it created); the rules compare times, not arrival. What waits is tried again after the
  // rest, until a pass applies nothing more.
  let waiting: Waiting[] = [];
  for (const [b, { bundle }] of inputs.entries())
    for (let i = 0; i < bundle.changes.length; i++) applyOne(b, i, waiting);
  while (waiting.length > 0) {
    const still: Waiting[] = [];
    for (const w of waiting) applyOne(w.b, w.i, still);
    if (still.length === waiting.length) {
      for (const w of still) issues.push(issueOf((inputs[w.b] as BundleInput).file, w.i, w.problem));
      break;
    }
    waiting = still;
  }
  for (const id of m.ticketless())
    issues.push({
      file: inputs.map((x) => x.file).join(', '),
      line: null,
      field: 'activity.taskId',
      message: `activity ${id} names a ticket no bundle brings`,
    });
  if (issues.length > 0) throw new InputError(issues);
  return { changes: m.changeSet(), merged };
}

const issueOf = (file: string, index: number, p: Problem): InputIssue => ({
  file,
  line: changeLine(index),
  field: p.field,
  message: p.message,
});
