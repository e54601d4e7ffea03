import {
  applyChanges,
  applyImport,
  applyRetention,
  type BundleInput,
  counted,
  type DeviceLink,
  DuplicateEventError,
  encodeSnapshot,
  expireExceptions,
  exposureFixes,
  InputError,
  type InputIssue,
  type Instant,
  instant,
  type Manifest,
  mergeBundles,
  pictureTimeProblem,
  type State,
  sequentialIds,
  snapshotJoining,
  snapshotName,
  summarize,
} from '../../core/index.ts';
import { archiveIdentity } from '../archive/identity.ts';
import type { Latest } from '../archive/read.ts';
import { momentTaken, type WriteOutcome, writeSnapshot } from '../archive/write.ts';
import { type Io, shown } from '../io.ts';
import type { ImportStep } from './load.ts';

export interface CommitOutcome {
  readonly name: string;
  readonly written: boolean;
  /** What the import noted for the user (also written to stderr as it happened). */
  readonly notes: readonly string[];
  readonly state: State;
}

/**
 * The one path from parsed inputs to the archive, for `remdesk import` and `remdesk pull`: the
 * steps are applied to the archive's latest state at `at`, then the time-driven rules, and the new
 * snapshot is written (all or nothing; the same state again writes nothing). `dryRun` stops before
 * the write.
 */
export async function commitToArchive(
  archive: string,
  latest: Latest,
  loaded: { readonly steps: readonly ImportStep[]; readonly notes: readonly string[] },
  at: Instant,
  io: Io,
  opts: { readonly source: string; readonly origins?: Manifest['origins']; readonly dryRun?: boolean },
): Promise<CommitOutcome> {
  if (latest.ref && latest.ref.at > at) {
    throw new InputError([
      {
        file: archive,
        line: null,
        field: 'at',
        message: `${at} is older than the latest snapshot ${latest.ref.name}`,
      },
    ]);
  }
  io.phase('merging…');
  const archiveId = await archiveIdentity(archive);
  let applied: ReturnType<typeof applyAll>;
  try {
    applied = applyAll(latest.state, loaded.steps, at, archiveId);
  } catch (e) {
    // At the latest snapshot's own moment the rules record their events again under the same ids
    // (they are derived from the time): the import would change that snapshot, never replaced.
    if (e instanceof DuplicateEventError && latest.ref?.at === at)
      throw momentTaken(archive, latest.ref.name);
    throw e;
  }
  const { state, notes: ruleNotes } = applied;
  const notes = [...loaded.notes, ...ruleNotes];
  for (const step of loaded.steps) {
    if (step.kind === 'vendor')
      for (const w of step.batch.warnings) io.err(shown`${w.file}: ${w.field}: note: ${w.message}`);
  }
  for (const note of notes) io.err(shown`note: ${note}`);
  if (opts.dryRun) return { name: snapshotName(at), written: false, notes, state };
  io.phase('writing the snapshot…');
  const files = await encodeSnapshot(state, {
    generatedAt: at,
    source: opts.source,
    ...(opts.origins ? { origins: opts.origins } : {}),
  });
  const outcome: WriteOutcome = await writeSnapshot(archive, at, files, {
    figures: summarize(state, at),
    fixes: exposureFixes(latest.state, state, at),
  });
  return { name: outcome.name, written: outcome.written, notes, state };
}

/**
 * When the new snapshot is: `--at`, or now to the second. A write in the same second as the
 * latest snapshot (two imports in quick succession) takes now to the millisecond instead, after
 * the latest, so it is a snapshot of its own rather than a second truth for the latest's moment.
 */
export function snapshotTime(requested: Instant | undefined, latest: Latest, now = Date.now()): Instant {
  if (requested !== undefined) return requested;
  const second = Math.floor(now / 1000) * 1000;
  const previous = latest.ref ? Date.parse(latest.ref.at) : Number.NEGATIVE_INFINITY;
  const time = previous >= second && previous < second + 1000 ? Math.max(now, previous + 1) : second;
  return instant(new Date(time).toISOString());
}

/**
 * Applies the steps in order, then the time-driven rules; ids are derived from the snapshot time so
 * the same import gives the same snapshot. Change bundles in a row merge as one (R-MERGE-*); a
 * snapshot seeds an archive that has nothing yet, and joins one that has data as the changes its
 * history records, so it never replaces another admin's work. Returns what the rules noted.
 */
export function applyAll(
  start: State,
  steps: readonly ImportStep[],
  at: Instant,
  archiveId: string | null,
): { state: State; notes: string[] } {
  const issues: InputIssue[] = [];
  const notes: string[] = [];
  let state = start;
  // Ids the state has are skipped: an import at the time of an earlier one (the same second)
  // would otherwise make its ids again. Gathered once per state the ids are asked of.
  let taken: { of: State; ids: Set<string> } | null = null;
  const ids = sequentialIds(`import-${snapshotName(at)}`, (id) => {
    if (taken?.of !== state) taken = { of: state, ids: idsIn(state) };
    return taken.ids.has(id);
  });
  const merge = (inputs: readonly BundleInput[]) => {
    const out = mergeBundles(state, inputs, { archive: archiveId, now: at });
    for (const m of out.merged) {
      // A bundle may carry changes of others its admin was given: say whose they are then.
      const actors = Object.entries(m.byActor);
      const whose = actors.some(([a]) => a !== m.admin)
        ? ` (${actors.map(([a, n]) => `${n} by ${a}`).join(', ')})`
        : '';
      notes.push(
        `${m.file}: ${m.admin} (install ${m.install}): ${counted(m.added, 'change')} merged${whose}${m.alreadyMerged > 0 ? `, ${m.alreadyMerged} already in the archive` : ''}`,
      );
    }
    notes.push(...(out.changes.notes ?? []));
    state = applyChanges(state, out.changes);
  };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as ImportStep;
    if (step.kind === 'bundle') {
      const run = [step];
      for (let next = steps[i + 1]; next?.kind === 'bundle'; next = steps[i + 1]) {
        run.push(next);
        i++;
      }
      merge(run.map((s) => ({ file: s.file, bundle: s.bundle })));
      continue;
    }
    if (step.kind === 'snapshot') {
      const joining = snapshotJoining(state, step.state, step.file, at);
      if (joining.kind === 'seed') state = joining.state;
      else {
        notes.push(joining.note);
        merge(joining.inputs);
      }
      continue;
    }
    const unknown =
      step.batch.kind === 'machineReferences' ? unknownLinkTarget(state, step.batch.link) : null;
    if (unknown) issues.push({ file: step.files[0] ?? '', line: null, field: '--for', message: unknown });
    const stale = pictureTimeProblem(state, step.batch);
    if (stale) {
      issues.push({ file: step.files.join(', '), line: null, field: 'generatedTime', message: stale });
      continue;
    }
    const changes = applyImport(state, step.batch, at, ids);
    notes.push(...(changes.notes ?? []).map((n) => `${step.files.join(', ')}: ${n}`));
    state = applyChanges(state, changes);
  }
  if (issues.length > 0) throw new InputError(issues);
  state = applyChanges(state, expireExceptions(state, at));
  return { state: applyChanges(state, applyRetention(state, at)), notes };
}

const idsIn = (s: State): Set<string> =>
  new Set<string>([
    ...s.activities.map((x) => x.id),
    ...s.tasks.map((x) => x.id),
    ...s.exceptions.map((x) => x.id),
    ...s.events.map((x) => x.id),
  ]);

/**
 * `--for activity:ID` must name an activity the archive (or an earlier file of the same import)
 * has: its device rows cannot wait for it. Exposures may name a recommendation not imported yet.
 */
function unknownLinkTarget(state: State, link: DeviceLink | null): string | null {
  if (link?.kind === 'activity' && !state.activities.some((a) => a.id === link.id)) {
    return `no activity ${link.id} in the archive or in the files before this one; import the activities first`;
  }
  return null;
}
