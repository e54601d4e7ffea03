/**
 * A change bundle as a file (`remdesk-changes-<admin>-<time>.jsonl`): a header line, then one
 * change a line, so every problem names the line it is on. Rows are written with the snapshot's own
 * columns (the tables of core/codecs/snapshot), so a bundle and a snapshot say one thing one way.
 * The header carries the SHA-256 of the change lines: a bundle edited by hand is refused. It catches
 * accidents and careless edits, not a forger, who could recompute it.
 */
import { InputError, type InputIssue } from '../../errors.ts';
import type { AuditEvent } from '../../model/audit-event.ts';
import {
  type BundleChange,
  type ChangeBundle,
  isUserChangeType,
  type TeamStateRef,
} from '../../model/change-bundle.ts';
import { email } from '../../model/ids.ts';
import { isUnicodeText } from '../../model/text.ts';
import { instant } from '../../model/time.ts';
import { CellProblem } from '../csv/read.ts';
import { sha256Hex } from '../snapshot/manifest.ts';
import { encodeRow, rowReader, type Table } from '../snapshot/table.ts';
import { SNAPSHOT_TABLES as T } from '../snapshot/tables.ts';
import { jsonFault, tooDeep } from '../vendor/json-document.ts';

const BUNDLE_FORMAT = 'remdesk-change-bundle';
const BUNDLE_VERSION = 1;

const HEADER_KEYS = [
  'format',
  'version',
  'admin',
  'install',
  'base',
  'createdAt',
  'changes',
  'sha256',
] as const;
const CHANGE_KEYS = ['event', 'activity', 'devices', 'task', 'exception'] as const;

const record = <R, C extends string>(table: Table<R, C>, row: R): Record<string, string> => {
  const cells = encodeRow(table, row);
  return Object.fromEntries(table.columns.map((c, i) => [c, cells[i] as string]));
};

/** A change's line in its file: the header is line 1, then one change a line. */
export const changeLine = (index: number): number => index + 2;

function encodeChange(c: BundleChange): string {
  const line: Record<string, unknown> = { event: record(T.events, c.event) };
  if ('activity' in c) {
    line.activity = record(T.activities, c.activity);
    line.devices = c.devices.map((d) => record(T.activityDevices, d));
  }
  if ('task' in c) line.task = record(T.tasks, c.task);
  if ('exception' in c) line.exception = record(T.exceptions, c.exception);
  return JSON.stringify(line);
}

/** The bundle as the text of its file. */
export async function encodeChangeBundle(b: ChangeBundle): Promise<string> {
  const body = b.changes.map((c) => `${encodeChange(c)}\n`).join('');
  const header = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    admin: b.admin,
    install: b.install,
    base: b.base,
    createdAt: b.createdAt,
    changes: b.changes.length,
    sha256: await sha256Hex(new TextEncoder().encode(body)),
  };
  return `${JSON.stringify(header)}\n${body}`;
}

/** Reads a bundle file: every field checked, the checksum verified; InputError naming file, line and field. */
export async function decodeChangeBundle(text: string, file: string): Promise<ChangeBundle> {
  const fail = (line: number | null, field: string | null, message: string): never => {
    throw new InputError([{ file, line, field, message }]);
  };
  const newline = text.indexOf('\n');
  if (newline < 0) fail(1, null, 'a change bundle has a header line, then one change a line');
  const header = objectOf(parseJson(text.slice(0, newline), file, 1), HEADER_KEYS, file, 1, '');
  if (header.format !== BUNDLE_FORMAT) fail(1, 'format', `expected "${BUNDLE_FORMAT}"`);
  if (header.version !== BUNDLE_VERSION)
    fail(
      1,
      'version',
      `version ${String(header.version)} is not supported (this remdesk reads ${BUNDLE_VERSION})`,
    );
  const body = text.slice(newline + 1);
  const lines = body === '' ? [] : body.replace(/\n$/, '').split('\n');
  if (header.changes !== lines.length)
    fail(
      1,
      'changes',
      `the header says ${String(header.changes)} changes, the file has ${lines.length}: it is cut short or was edited`,
    );
  if (header.sha256 !== (await sha256Hex(new TextEncoder().encode(body))))
    fail(1, 'sha256', 'the changes do not match their checksum: the bundle was edited or damaged');

  const str = (field: string): string => {
    const v = header[field];
    return typeof v === 'string' && v !== '' ? v : fail(1, field, 'expected a text');
  };
  const parse = <V>(field: string, f: (raw: string) => V): V => {
    try {
      return f(str(field));
    } catch (e) {
      if (e instanceof InputError) throw e;
      return fail(1, field, (e as Error).message);
    }
  };
  const changes: BundleChange[] = [];
  const issues: InputIssue[] = [];
  const lineOf = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = changeLine(i);
    try {
      const change = decodeChange(parseJson(raw, file, line), file, line);
      const first = lineOf.get(change.event.id);
      if (first !== undefined)
        issues.push({ file, line, field: 'event.id', message: `repeats the event of line ${first}` });
      lineOf.set(change.event.id, line);
      changes.push(change);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push(...e.issues);
    }
  });
  if (issues.length > 0) throw new InputError(issues);
  return {
    admin: parse('admin', email),
    install: str('install'),
    base: baseOf(header.base, file),
    createdAt: parse('createdAt', instant),
    changes,
  };
}

function baseOf(raw: unknown, file: string): TeamStateRef | null {
  if (raw === null) return null;
  const o = objectOf(raw, ['archive', 'snapshot'], file, 1, 'base.');
  const text = (k: 'archive' | 'snapshot') =>
    typeof o[k] === 'string' && o[k] !== ''
      ? (o[k] as string)
      : (() => {
          throw new InputError([{ file, line: 1, field: `base.${k}`, message: 'expected a text' }]);
        })();
  return { archive: text('archive'), snapshot: text('snapshot') };
}

/** One line's JSON; nested deeper than LIMITS.maxJsonDepth is refused as the vendor's files are. */
function parseJson(raw: string, file: string, line: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new InputError([{ file, line, field: null, message: `not JSON: ${(e as Error).message}` }]);
  }
  const deep = tooDeep(raw, value);
  if (deep) throw jsonFault(raw, deep, file, line);
  return value;
}

/** An object with only the given keys. */
function objectOf<K extends string>(
  raw: unknown,
  keys: readonly K[],
  file: string,
  line: number,
  prefix: string,
): Readonly<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError([
      { file, line, field: prefix.replace(/\.$/, '') || null, message: 'expected an object' },
    ]);
  const extra = Object.keys(raw).find((k) => !(keys as readonly string[]).includes(k));
  if (extra !== undefined)
    throw new InputError([
      { file, line, field: `${prefix}${extra}`, message: 'not a field of a change bundle' },
    ]);
  return raw as Record<string, unknown>;
}

/** One row in a table's columns, decoded by the table itself. */
function rowOf<R, C extends string>(
  table: Table<R, C>,
  raw: unknown,
  file: string,
  line: number,
  field: string,
): R {
  const o = objectOf(raw, table.columns, file, line, `${field}.`);
  const reader = rowReader(table.columns);
  reader.cells = table.columns.map((c) => {
    const v = o[c];
    if (typeof v !== 'string')
      throw new InputError([
        { file, line, field: `${field}.${c}`, message: 'expected a text (a snapshot cell)' },
      ]);
    if (!isUnicodeText(v))
      throw new InputError([
        {
          file,
          line,
          field: `${field}.${c}`,
          message: 'is not Unicode text: it holds half of a surrogate pair',
        },
      ]);
    return v;
  });
  try {
    return table.decode(reader);
  } catch (e) {
    if (e instanceof CellProblem)
      throw new InputError([{ file, line, field: `${field}.${e.field}`, message: e.message }]);
    throw e;
  }
}

function decodeChange(raw: unknown, file: string, line: number): BundleChange {
  const o = objectOf(raw, CHANGE_KEYS, file, line, '');
  const event: AuditEvent = rowOf(T.events, o.event, file, line, 'event');
  const fail = (field: string, message: string): never => {
    throw new InputError([{ file, line, field, message }]);
  };
  if (!isUserChangeType(event.type)) fail('event.type', `a ${event.type} event does not travel in a bundle`);
  const rows = {
    activity: 'activity' in o,
    devices: 'devices' in o,
    task: 'task' in o,
    exception: 'exception' in o,
  };
  const only = (...wanted: (keyof typeof rows)[]) => {
    for (const [k, has] of Object.entries(rows))
      if (has !== wanted.includes(k as keyof typeof rows))
        fail(k, has ? `a ${event.type} change carries no ${k}` : `a ${event.type} change carries its ${k}`);
  };
  switch (event.type) {
    case 'activity.created': {
      only('activity', 'devices');
      if (!Array.isArray(o.devices)) return fail('devices', 'expected a list');
      const devices = o.devices.map((d, i) => rowOf(T.activityDevices, d, file, line, `devices[${i}]`));
      return { event, activity: rowOf(T.activities, o.activity, file, line, 'activity'), devices };
    }
    case 'task.created':
      only('task');
      return { event, task: rowOf(T.tasks, o.task, file, line, 'task') };
    case 'exception.created':
      only('exception');
      return { event, exception: rowOf(T.exceptions, o.exception, file, line, 'exception') };
    case 'task.status':
    case 'activity.completed':
    case 'exception.canceled':
      only();
      return { event };
    default:
      return fail('event.type', `a ${event.type} event does not travel in a bundle`);
  }
}
