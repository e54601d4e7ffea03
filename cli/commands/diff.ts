import {
  type Activity,
  counted,
  diffStates,
  type RemediationException,
  type StateDiff,
  type UserChangeType,
} from '../../core/index.ts';
import { listSnapshots } from '../archive/layout.ts';
import { refuseOutsideLinks } from '../archive/links.ts';
import { readSnapshot } from '../archive/read.ts';
import { flag, parse, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'say what changed between two snapshots',
  help: `Usage: remdesk diff A B [--json]
       remdesk diff --data DIR [--json]

Compares snapshot A (older) with snapshot B (newer): activities created, completed between A's time
(excluded) and B's (included) and how, completed earlier but first seen completed in B, and
removed, progress per activity, Intune task (ticket) status changes, exceptions added, expired or
canceled, and devices newly exposed or fixed per recommendation. A and B are snapshot folders or
zips; with --data, the archive's latest two snapshots are compared.

Options:
  --data DIR   compare the two newest snapshots of this archive
  --json       print the difference as JSON`,
  async run(args, io) {
    const p = parse(args, { data: { type: 'string' }, json: { type: 'boolean' } });
    const data = stringOption(p, 'data');
    let paths: readonly string[];
    if (data !== undefined) {
      if (p.positionals.length > 0) throw new UsageError('give either A and B or --data, not both');
      await refuseOutsideLinks(data);
      const refs = await listSnapshots(data);
      if (refs.length < 2)
        throw new UsageError(`${data} has ${counted(refs.length, 'snapshot')}; diff needs two`);
      paths = refs.slice(-2).map((r) => r.dir);
    } else {
      if (p.positionals.length !== 2) throw new UsageError('give two snapshots A and B (or --data DIR)');
      paths = p.positionals;
    }
    const [a, b] = await Promise.all(paths.map(readSnapshot));
    if (!a || !b) throw new UsageError('two snapshots are needed');
    const diff = diffStates(a.state, b.state, a.manifest.generatedAt, b.manifest.generatedAt);
    if (flag(p, 'json')) {
      io.out(JSON.stringify({ from: a.manifest.generatedAt, to: b.manifest.generatedAt, ...diff }, null, 2));
    } else {
      const titles = new Map<string, Activity>(
        [...a.state.activities, ...b.state.activities].map((x) => [x.id, x]),
      );
      const exceptions = new Map<string, RemediationException>(
        [...a.state.exceptions, ...b.state.exceptions].map((x) => [x.id, x]),
      );
      const names: Names = {
        activity: (id) => titles.get(id)?.title ?? '(unknown activity)',
        exception: (id) => {
          const e = exceptions.get(id);
          return e ? `${e.recommendationId}, ${e.justification}` : '(unknown exception)';
        },
      };
      for (const line of describeDiff(diff, names)) io.out(line);
    }
    return 0;
  },
};

const HOW = {
  Automatic: 'automatically (System confirmation)',
  Manual: 'by hand',
  Unknown: 'by an unknown method (N/A)',
};

/** How the diff words each kind of admin change. */
const CHANGE_WORDS: Record<UserChangeType, string> = {
  'activity.created': 'remediation requested',
  'task.created': 'ticket made',
  'task.status': 'ticket status set',
  'activity.completed': 'completed by hand',
  'exception.created': 'exception made',
  'exception.canceled': 'exception canceled',
};

/** How to name what the diff lists by id. */
export interface Names {
  readonly activity: (id: string) => string;
  readonly exception: (id: string) => string;
}

/** The difference in plain English, one line per fact. Titles are quoted: they are user text. */
export function describeDiff(d: StateDiff, names: Names): string[] {
  const q = (id: string) => `${id} ${JSON.stringify(names.activity(id))}`;
  const x = (id: string) => `${id} (${names.exception(id)})`;
  const lines: string[] = [];
  const section = (heading: string, items: readonly string[]) => {
    lines.push(`${heading}: ${items.length === 0 ? 'none' : items.length}`);
    for (const i of items) lines.push(`  ${i}`);
  };
  section('Activities created', d.activities.created.map(q));
  section(
    'Activities completed',
    d.activities.completed.map((c) => `${q(c.activityId)} ${HOW[c.method]}`),
  );
  section(
    'Activities completed before the older snapshot, first seen completed in the newer',
    d.activities.completedEarlier.map((c) => `${q(c.activityId)} ${HOW[c.method]}`),
  );
  section(
    'Activities removed',
    d.activities.removed.map(
      (r) =>
        `${q(r.activityId)} ${r.cause === 'retention' ? 'by retention (180 days after completion, R-RET-1)' : '(no removal recorded in the history)'}`,
    ),
  );
  section(
    'Progress',
    d.activities.progress.map(
      (p) =>
        `${q(p.activityId)}: ${p.fixedBefore} → ${p.fixedAfter} of ${counted(p.targetDevices, 'device')} fixed`,
    ),
  );
  section(
    'Tickets',
    d.tasks.map((t) => `${t.taskId} for ${q(t.activityId)}: ${t.from ?? 'new'} → ${t.to}`),
  );
  section('Exceptions added', d.exceptions.added.map(x));
  section('Exceptions expired', d.exceptions.expired.map(x));
  section(
    'Exceptions canceled',
    d.exceptions.canceled.map((c) =>
      c.group === null ? x(c.exceptionId) : `${x(c.exceptionId)} for group ${JSON.stringify(c.group)}`,
    ),
  );
  for (const c of d.changesBy)
    lines.push(
      `Changes by ${c.actor}: ${Object.entries(c.counts)
        .map(([type, n]) => `${n} ${CHANGE_WORDS[type as keyof typeof CHANGE_WORDS]}`)
        .join(', ')}`,
    );
  section(
    'Recommendations with exposure changes',
    d.exposures.map(
      (e) => `${e.recommendationId}: ${e.newlyExposed.count} newly exposed, ${e.fixed.count} fixed`,
    ),
  );
  return lines;
}
