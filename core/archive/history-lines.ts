import { InputError, type InputIssue } from '../errors.ts';
import type { Instant } from '../model/time.ts';
import type { Figures } from '../rules/summarize.ts';
import { parseFigures } from './parse-figures.ts';
import { shownValue } from './shown-value.ts';
import { instantOfName, SNAPSHOTS_FOLDER } from './snapshot-folders.ts';

/** One line of history.jsonl: a snapshot's figures, for the trend charts. */
export interface HistoryLine {
  readonly at: Instant;
  readonly snapshot: string;
  readonly figures: Figures;
}

export const historyLineText = (line: HistoryLine): string => `${JSON.stringify(line)}\n`;

/** A problem of history.jsonl, and whether the next write repairs it (then a write goes ahead). */
export interface HistoryIssue {
  readonly issue: InputIssue;
  readonly repairedByWrite: boolean;
}

export interface HistoryReading {
  /** The lines whose every field is valid, in file order. */
  readonly lines: readonly HistoryLine[];
  readonly issues: readonly HistoryIssue[];
}

/** The lines of history.jsonl, numbered from 1; the newline that ends the last is no extra line. */
function numberedLines(text: string): { n: number; text: string }[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((t, i) => ({ n: i + 1, text: t }));
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
 * history.jsonl read and judged: one JSON object per line, ended by a newline,
 * `{"at","snapshot","figures"}` with every figure checked, `at` the time of `snapshot`, a snapshot
 * in snapshots/, each once, in time order, and a line for every snapshot. Each problem names its
 * line and field and says what was expected. `snapshots`: the names in snapshots/, oldest first.
 */
export function readHistory(file: string, text: string, snapshots: readonly string[]): HistoryReading {
  const issues: HistoryIssue[] = [];
  const lines: HistoryLine[] = [];
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
      at(null, `expected a JSON object {"at","snapshot","figures"}, got ${shownValue(value)}`);
      continue;
    }
    const o = value as Record<string, unknown>;
    const before = issues.length;
    const figures =
      typeof o.figures !== 'object' || o.figures === null || Array.isArray(o.figures)
        ? null
        : parseFigures(o.figures, 'figures');
    if (figures === null) at('figures', `expected an object of figures, got ${shownValue(o.figures)}`);
    else if (!figures.ok) for (const e of figures.errors) at(e.field, e.message);
    if (typeof o.snapshot !== 'string') {
      at('snapshot', `expected the name of a snapshot folder as a string, got ${shownValue(o.snapshot)}`);
      if (typeof o.at !== 'string')
        at('at', `expected an ISO 8601 time as a string, got ${shownValue(o.at)}`);
      continue;
    }
    const time = instantOfName(o.snapshot);
    if (typeof o.at !== 'string') at('at', `expected an ISO 8601 time as a string, got ${shownValue(o.at)}`);
    else if (time !== null && Date.parse(o.at) !== Date.parse(time))
      at('at', `expected ${time}, the time of snapshot ${o.snapshot}, got ${JSON.stringify(o.at)}`);
    const earlier = seen.get(o.snapshot);
    if (!existing.has(o.snapshot)) at('snapshot', `${o.snapshot} is not in ${SNAPSHOTS_FOLDER}/`);
    else if (earlier !== undefined) at('snapshot', `${o.snapshot} already has line ${earlier}`);
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
    // The snapshot's own time: `at` was found equal to it, and may be written in another form.
    if (issues.length === before && time !== null && figures?.ok)
      lines.push({ at: time, snapshot: o.snapshot, figures: figures.value });
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
  return { lines, issues };
}

/**
 * The problems a write does not repair (it completes the others: a last newline, the lines of
 * snapshots after the last one history names). Appending after any of them would bury a damaged
 * history under new lines, so a write is refused while there is one.
 */
const damageBeforeWrite = (reading: HistoryReading): InputIssue[] =>
  reading.issues.flatMap((i) => (i.repairedByWrite ? [] : [i.issue]));

/**
 * history.jsonl's lines for those who go on from them (a write appending, the report drawing its
 * trends), or an InputError of its damage: what a write would refuse to append to is not drawn
 * either. What a write repairs (a last line without its newline, the line of a snapshot a write
 * stopped before) reads as the lines there are.
 */
export function historyLines(
  file: string,
  text: string,
  snapshots: readonly string[],
): readonly HistoryLine[] {
  const reading = readHistory(file, text, snapshots);
  const damage = damageBeforeWrite(reading);
  if (damage.length > 0) throw new InputError(damage);
  return reading.lines;
}
