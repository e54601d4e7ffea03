import { stat } from 'node:fs/promises';
import type { InputIssue, Instant } from '../../core/index.ts';
import { readTextAt } from './fs-path.ts';
import { historyFile, instantOfName, SNAPSHOTS } from './layout.ts';

/** One line of history.jsonl: a snapshot's figures, for the trend charts. */
export interface HistoryLine {
  readonly at: Instant;
  readonly snapshot: string;
  readonly figures: unknown;
}

export const historyLineText = (line: HistoryLine): string => `${JSON.stringify(line)}\n`;

/**
 * history.jsonl when something other than a file is in its place (a folder, a fifo): a problem of
 * the archive, said before anything opens it (opening a fifo waits for a writer forever).
 */
export async function historyNotAFile(archive: string): Promise<InputIssue | null> {
  const info = await stat(historyFile(archive)).catch(() => null);
  return info === null || info.isFile()
    ? null
    : {
        file: historyFile(archive),
        line: null,
        field: null,
        message: 'not a file; history.jsonl is a file of one JSON line per snapshot',
      };
}

/** history.jsonl's text; null when there is none yet. */
export async function readHistoryText(archive: string): Promise<string | null> {
  try {
    return await readTextAt(historyFile(archive));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The lines of history.jsonl, numbered from 1; the newline that ends the last is no extra line. */
function numberedLines(text: string): { n: number; text: string }[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((t, i) => ({ n: i + 1, text: t }));
}

/** The snapshot each line that can be read names (for the writer, which completes history). */
export function namedSnapshots(text: string): Set<string> {
  const names = new Set<string>();
  for (const { text: t } of numberedLines(text)) {
    try {
      const o = JSON.parse(t) as { snapshot?: unknown };
      if (typeof o?.snapshot === 'string') names.add(o.snapshot);
    } catch {
      // A damaged line names nothing; validate says what is wrong with it.
    }
  }
  return names;
}

/** The value of a field as a message shows it: its type and, briefly, the value. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return `${typeof v} ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}

/**
 * Where two JSON objects were glued onto one line (a line that lost its newline, then had the
 * next appended): the column where the second starts, or null.
 */
function gluedAt(text: string): number | null {
  for (let i = text.indexOf('}{'); i !== -1; i = text.indexOf('}{', i + 1)) {
    try {
      JSON.parse(text.slice(0, i + 1));
      return i + 2;
    } catch {
      // Not the end of the first object: a `}{` inside a string.
    }
  }
  return null;
}

/**
 * Every problem of history.jsonl, each naming its line and field and saying what was expected:
 * one JSON object per line, ended by a newline, `{"at","snapshot","figures"}`, `at` the time of
 * `snapshot`, a snapshot in snapshots/, each once, in time order, and a line for every snapshot.
 * `snapshots`: the names in snapshots/, oldest first.
 */
export const historyIssues = (file: string, text: string, snapshots: readonly string[]): InputIssue[] =>
  judged(file, text, snapshots).map((j) => j.issue);

/**
 * The problems a write does not repair (writer.ts completes the others: a last newline, the lines
 * of snapshots after the last one history names). Appending after any of them would bury a damaged
 * history under new lines, so the write is refused while there is one.
 */
export const historyIssuesBeforeWrite = (
  file: string,
  text: string,
  snapshots: readonly string[],
): InputIssue[] => judged(file, text, snapshots).flatMap((j) => (j.repairedByWrite ? [] : [j.issue]));

function judged(
  file: string,
  text: string,
  snapshots: readonly string[],
): { issue: InputIssue; repairedByWrite: boolean }[] {
  const issues: { issue: InputIssue; repairedByWrite: boolean }[] = [];
  const add = (issue: InputIssue, repairedByWrite = false) => issues.push({ issue, repairedByWrite });
  const existing = new Set(snapshots);
  const seen = new Map<string, number>();
  let previous: { n: number; snapshot: string; time: string } | null = null;
  for (const { n, text: raw } of numberedLines(text)) {
    const at = (field: string | null, message: string) => add({ file, line: n, field, message });
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line !== raw) at(null, 'ends with a carriage return (CRLF); lines end with a newline (LF) only');
    if (line.trim() === '') {
      at(null, 'blank; every line is the JSON object of one snapshot');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const glued = gluedAt(line);
      at(
        null,
        glued === null
          ? `not JSON: ${(e as Error).message}`
          : `two lines glued into one: a second JSON object starts at column ${glued}; a newline is missing before it`,
      );
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      at(null, `expected a JSON object {"at","snapshot","figures"}, got ${shown(value)}`);
      continue;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.figures !== 'object' || o.figures === null || Array.isArray(o.figures))
      at('figures', `expected an object of figures, got ${shown(o.figures)}`);
    if (typeof o.snapshot !== 'string') {
      at('snapshot', `expected the name of a snapshot folder as a string, got ${shown(o.snapshot)}`);
      if (typeof o.at !== 'string') at('at', `expected an ISO 8601 time as a string, got ${shown(o.at)}`);
      continue;
    }
    const time = instantOfName(o.snapshot);
    if (typeof o.at !== 'string') at('at', `expected an ISO 8601 time as a string, got ${shown(o.at)}`);
    else if (time !== null && Date.parse(o.at) !== Date.parse(time))
      at('at', `expected ${time}, the time of snapshot ${o.snapshot}, got ${JSON.stringify(o.at)}`);
    const before = seen.get(o.snapshot);
    if (!existing.has(o.snapshot)) at('snapshot', `${o.snapshot} is not in ${SNAPSHOTS}/`);
    else if (before !== undefined) at('snapshot', `${o.snapshot} already has line ${before}`);
    else {
      seen.set(o.snapshot, n);
      // Names in snapshots/ are valid, so their times compare as text (names alone do not:
      // …T080000.250Z sorts before …T080000Z).
      const t = time ?? '';
      if (previous && previous.time > t)
        at(
          'snapshot',
          `${o.snapshot} is older than ${previous.snapshot} on line ${previous.n}; lines are in time order`,
        );
      previous = { n, snapshot: o.snapshot, time: t };
    }
  }
  if (text !== '' && !text.endsWith('\n')) {
    add(
      {
        file,
        line: numberedLines(text).length,
        field: null,
        message: 'the last line has no newline at its end (the next write adds it)',
      },
      true,
    );
  }
  // `snapshots` is in time order: those after the last with a line were written by a write that
  // stopped before its history line.
  const lastLined = Math.max(-1, ...snapshots.map((s, i) => (seen.has(s) ? i : -1)));
  for (const [i, name] of snapshots.entries()) {
    if (seen.has(name)) continue;
    const stopped = i > lastLined;
    add(
      {
        file,
        line: null,
        field: 'snapshot',
        message: stopped
          ? `no line for ${name} (a write stopped after the snapshot was in place; the next import or sample adds it)`
          : `no line for ${name}`,
      },
      stopped,
    );
  }
  return issues;
}
