import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asyncInputErrorOf } from '../../../test/support/core/input-error.ts';
import { testState } from '../../../test/support/core/snapshot-state.ts';
import { InputError, type InputIssue } from '../../errors.ts';
import { canonicalOrder, canonicalState, isSorted } from '../../model/canonical-order.ts';
import { deviceId } from '../../model/ids.ts';
import type { State } from '../../model/state.ts';
import { instant } from '../../model/time.ts';
import { readCsvRows } from '../csv/read.ts';
import { csvDocument } from '../csv/write.ts';
import { decodeSnapshot, decodeSnapshotTables, filesOfTables } from './decode.ts';
import { encodeSnapshot } from './encode.ts';
import { manifestText, parseManifest, type SnapshotFiles, sameContent, sha256Hex } from './manifest.ts';
import { MANIFEST_FILE, SNAPSHOT_TABLES as T } from './tables.ts';
import { unzipSnapshot, zipSnapshot } from './zip.ts';

const META = { generatedAt: instant('2024-06-15T10:00:00Z'), source: 'test' };
const text = (files: SnapshotFiles, name: string) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.get(name));
const reversed = (s: State): State =>
  Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, [...rows].reverse()])) as unknown as State;

/** Replace one CSV file and keep the manifest consistent, so the decoder judges the content. */
async function withFile(files: SnapshotFiles, name: string, edit: (csv: string) => string, rowsDelta = 0) {
  const bytes = new TextEncoder().encode(edit(text(files, name)));
  const manifest = parseManifest(text(files, MANIFEST_FILE), MANIFEST_FILE);
  const entry = manifest.files[name] ?? { rows: 0, sha256: '' };
  const next = new Map(files);
  next.set(name, bytes);
  next.set(
    MANIFEST_FILE,
    new TextEncoder().encode(
      manifestText({
        ...manifest,
        files: {
          ...manifest.files,
          [name]: { rows: entry.rows + rowsDelta, sha256: await sha256Hex(bytes) },
        },
      }),
    ),
  );
  return next;
}

const issueOf = async (files: SnapshotFiles): Promise<InputIssue | undefined> =>
  (await asyncInputErrorOf(decodeSnapshot(files, 'snap'))).issues[0];

const lineOf = (csv: string, needle: string) => csv.slice(0, csv.indexOf(needle)).split('\n').length;

describe('snapshot encode and decode', () => {
  it('round-trips State → files → State → files byte-identically, every union branch and hostile strings', async () => {
    const files = await encodeSnapshot(testState(), META);
    const { state, manifest } = await decodeSnapshot(files, 'snap');
    expect(state).toEqual(canonicalState(testState()));
    expect(manifest.files['activities.csv']?.rows).toBe(7);
    const again = await encodeSnapshot(state, META);
    expect([...again.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [name, bytes] of files) expect(again.get(name), name).toEqual(bytes);
  });

  it('writes and reads rows in the one canonical order of the store (canonical-order.ts)', async () => {
    const { state } = await decodeSnapshot(await encodeSnapshot(testState(), META), 'snap');
    for (const [name, compare] of Object.entries(canonicalOrder)) {
      const rows = state[name as keyof State] as readonly never[];
      expect(isSorted(rows, compare as (a: never, b: never) => number), name).toBe(true);
    }
    // The store's exposure key leads with the device, unlike the columns of exposures.csv.
    expect(state.exposures.map((e) => e.deviceId)).toEqual(state.exposures.map((e) => e.deviceId).sort());
  });

  it('gives the same bytes whatever order the state lists its rows in', async () => {
    const a = await encodeSnapshot(testState(), META);
    const b = await encodeSnapshot(reversed(testState()), META);
    for (const [name, bytes] of a) expect(b.get(name), name).toEqual(bytes);
  });

  it('writes UTF-8 with BOM, CRLF, neutralised formulas and R-ATTN-1 empty cells', async () => {
    const files = await encodeSnapshot(testState(), META);
    const recs = text(files, 'recommendations.csv');
    expect(recs.startsWith('\ufeffid,productName,')).toBe(true);
    expect(recs).toContain(",'=SUM(1),");
    expect(recs).toContain(",'-1,");
    const attention = text(files, 'activities.csv')
      .split('\r\n')
      .find((l) => l.startsWith('act-5,'));
    expect(attention).toMatch(/,AttentionRequired|act-5,AttentionRequired,Active,/);
    expect(text(files, 'events.csv').split('\r\n')[1]).toMatch(/^ev-\d+,2024-06-01T00:00:00.000Z,/);
  });

  it('zips deterministically and unzips to the same files', async () => {
    const files = await encodeSnapshot(testState(), META);
    const zip = zipSnapshot(files);
    const unzipped = unzipSnapshot(zip, 'snap.zip');
    expect(new Map([...unzipped].sort())).toEqual(new Map([...files].sort()));
    expect(zipSnapshot(unzipped)).toEqual(zip);
    expect(zipSnapshot(await encodeSnapshot(reversed(testState()), META))).toEqual(zip);
  });

  it('sameContent ignores generatedAt and source but not a changed row', async () => {
    const a = await encodeSnapshot(testState(), META);
    const later = await encodeSnapshot(testState(), {
      generatedAt: instant('2025-01-01T00:00:00Z'),
      source: 'x',
    });
    expect(later.get(MANIFEST_FILE)).not.toEqual(a.get(MANIFEST_FILE));
    expect(sameContent(a, later)).toBe(true);
    const fewer = await encodeSnapshot({ ...testState(), events: testState().events.slice(1) }, META);
    expect(sameContent(a, fewer)).toBe(false);
  });
});

describe('snapshot bad input names file, line and field', () => {
  const files = () => encodeSnapshot(testState(), META);

  it('a missing column', async () => {
    const bad = await withFile(await files(), 'tasks.csv', (c) => c.replace(',reviewerNotes,', ','));
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/tasks.csv', line: 1, field: 'reviewerNotes' });
  });

  it('an unknown column', async () => {
    const bad = await withFile(await files(), 'tasks.csv', (c) =>
      c.replace('statusChangedBy\r\n', 'statusChangedBy,extra\r\n'),
    );
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/tasks.csv', line: 1, field: 'extra' });
  });

  it('a bad cell', async () => {
    const good = await files();
    const bad = await withFile(good, 'exposures.csv', (c) => c.replace(',Critical,', ',Severe,'));
    expect(await issueOf(bad)).toMatchObject({
      file: 'snap/exposures.csv',
      line: lineOf(text(good, 'exposures.csv'), ',Critical,'),
      field: 'highestSeverity',
    });
  });

  it('a bad id, parsed by the branded constructor', async () => {
    const bad = await withFile(await files(), 'devices.csv', (c) => c.replace(/\r\naaaa/, '\r\nzzzz'));
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/devices.csv', line: 2, field: 'id' });
  });

  it('a checksum mismatch', async () => {
    const good = await files();
    const bad = new Map(good);
    bad.set(
      'exposures.csv',
      new TextEncoder().encode(text(good, 'exposures.csv').replace(',Critical,', ',High,')),
    );
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/exposures.csv', field: 'sha256' });
  });

  it('a row count that differs from the manifest', async () => {
    const bad = await withFile(await files(), 'tasks.csv', (c) => c, 1);
    expect(await issueOf(bad)).toMatchObject({
      file: 'snap/tasks.csv',
      message: 'has 1 row, manifest.json says 2',
    });
  });

  it('an activity-device row naming an unknown activity', async () => {
    const bad = await withFile(await files(), 'activity-devices.csv', (c) =>
      c.replace(/\r\nact-1,/, '\r\nact-404,'),
    );
    expect(await issueOf(bad)).toMatchObject({
      file: 'snap/activity-devices.csv',
      line: 2,
      field: 'activityId',
    });
  });

  it('a task of an unknown activity', async () => {
    const bad = await withFile(await files(), 'tasks.csv', (c) =>
      c.replace('task-1,act-1,', 'task-1,act-404,'),
    );
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/tasks.csv', line: 2, field: 'activityId' });
  });

  it('an activity naming an unknown task', async () => {
    const good = await files();
    const csv = text(good, 'activities.csv');
    const bad = await withFile(good, 'activities.csv', (c) => c.replace(',task-1,', ',task-404,'));
    expect(await issueOf(bad)).toMatchObject({
      file: 'snap/activities.csv',
      line: lineOf(csv, 'act-1,Update'),
      field: 'taskId',
    });
  });

  it('a duplicate key, on the line of the second row', async () => {
    const good = await files();
    const csv = text(good, 'devices.csv');
    const lines = csv.split('\r\n');
    const bad = await withFile(
      good,
      'devices.csv',
      () => [lines[0], lines[1], lines[1], ...lines.slice(2)].join('\r\n'),
      1,
    );
    expect(await issueOf(bad)).toMatchObject({ file: 'snap/devices.csv', line: 3, field: 'id' });
  });

  it('a duplicate key in a file out of order', async () => {
    const good = await files();
    const csv = text(good, 'tasks.csv');
    const headerEnd = csv.indexOf('\r\n') + 2;
    const row = csv.slice(headerEnd);
    const linesPerRow = row.split('\n').length - 1;
    const bad = await withFile(good, 'tasks.csv', () => csv + row.replace('task-1,', 'task-0,') + row, 2);
    expect(await issueOf(bad)).toMatchObject({
      file: 'snap/tasks.csv',
      line: 2 + 2 * linesPerRow,
      field: 'id',
    });
  });

  it('R-ATTN-1: an attention-required row with a due date is rejected', async () => {
    const good = await files();
    const csv = text(good, 'activities.csv');
    const rows: string[][] = [];
    await readCsvRows(csv, 'activities.csv', T.activities.columns, (cells) => {
      rows.push(
        cells.map((cell, i) =>
          cells[0] === 'act-5' && T.activities.columns[i] === 'dueOn' ? '2024-07-01' : cell,
        ),
      );
    });
    const bad = await withFile(good, 'activities.csv', () => csvDocument(T.activities.columns, rows));
    const issue = await issueOf(bad);
    expect(issue).toMatchObject({ file: 'snap/activities.csv', line: lineOf(csv, 'act-5,'), field: 'dueOn' });
    expect(issue?.message).toMatch(/R-ATTN-1/);
  });

  it('R-INT-2: a task claiming more than 10,000 sent devices is refused; 10,000 is read', async () => {
    const good = await files();
    const csv = text(good, 'tasks.csv');
    const claiming = (n: number) =>
      withFile(good, 'tasks.csv', (c) =>
        c.replace(
          'task-1,act-1,rejected,2024-06-01T00:00:00.000Z,2,',
          `task-1,act-1,rejected,2024-06-01T00:00:00.000Z,${n},`,
        ),
      );
    const issue = await issueOf(await claiming(10_001));
    expect(issue).toMatchObject({
      file: 'snap/tasks.csv',
      line: lineOf(csv, 'task-1,'),
      field: 'sentDevices',
    });
    expect(issue?.message).toBe(
      'R-INT-2: a security task (Intune) carries at most 10,000 devices, not 10,001',
    );
    const { state } = await decodeSnapshot(await claiming(10_000), 'snap');
    expect(state.tasks[0]?.sentDevices).toBe(10_000);
  });

  it('R-INT-2: a task.created event claiming more than 10,000 sent devices is refused', async () => {
    const good = await files();
    const csv = text(good, 'events.csv');
    const bad = await withFile(good, 'events.csv', (c) =>
      c.replace('{""sentDevices"":2,', '{""sentDevices"":10001,'),
    );
    const issue = await issueOf(bad);
    expect(issue).toMatchObject({
      file: 'snap/events.csv',
      line: lineOf(csv, 'task.created'),
      field: 'details',
    });
    expect(issue?.message).toMatch(/^R-INT-2: .* at most 10,000 devices, not 10,001$/);
  });

  it('R-INT-2: more than 10,000 devices of one activity marked sent to its task are refused', async () => {
    const state = testState();
    const a1 = state.activityDevices[0];
    if (!a1) throw new Error('the test state has activity devices');
    // 10,001 rows of act-1, every one sent: the header is line 1, so the 10,001st sent row is line 10,002.
    const sentRows = Array.from({ length: 10_001 }, (_, n) => ({
      ...a1,
      deviceId: deviceId(`b${n.toString(16).padStart(39, '0')}`),
      sentToTask: true,
    }));
    const over = await encodeSnapshot({ ...state, activityDevices: sentRows }, META);
    const issue = await issueOf(over);
    expect(issue).toMatchObject({ file: 'snap/activity-devices.csv', line: 10_002, field: 'sentToTask' });
    expect(issue?.message).toMatch(/^R-INT-2: .* at most 10,000 devices/);
    const atLimit = await encodeSnapshot({ ...state, activityDevices: sentRows.slice(1) }, META);
    expect((await decodeSnapshot(atLimit, 'snap')).state.activityDevices).toHaveLength(10_000);
  });

  it('a missing file and a broken manifest', async () => {
    const good = await files();
    const noTasks = new Map(good);
    noTasks.delete('tasks.csv');
    expect(await issueOf(noTasks)).toMatchObject({ file: 'snap/tasks.csv' });
    const badManifest = new Map(good);
    badManifest.set(MANIFEST_FILE, new TextEncoder().encode('{"formatVersion":2}'));
    expect(await issueOf(badManifest)).toMatchObject({ file: 'snap/manifest.json', field: 'formatVersion' });
  });

  it('a zip holding folders', () => {
    expect(() => unzipSnapshot(zipSnapshot(new Map([['a/b.csv', new Uint8Array(1)]])), 'x.zip')).toThrow(
      InputError,
    );
    expect(() => unzipSnapshot(new Uint8Array([1, 2, 3]), 'x.zip')).toThrow(InputError);
  });
});

describe('decodeSnapshotTables: some tables of a snapshot, checked as decodeSnapshot checks them', () => {
  it('decodes only the named tables, from their files and the manifest alone', async () => {
    const good = await encodeSnapshot(testState(), META);
    const whole = await decodeSnapshot(good, 'snap');
    const names = ['exposures', 'activities', 'tasks', 'exceptions'] as const;
    const only = new Map(
      [...good].filter(([name]) => [MANIFEST_FILE, ...filesOfTables(names)].includes(name)),
    );
    expect(only.size).toBe(5);
    const { state, manifest } = await decodeSnapshotTables(only, names, 'snap');
    expect(Object.keys(state).sort()).toEqual([...names].sort());
    for (const name of names) expect(state[name]).toEqual(whole.state[name]);
    expect(manifest).toEqual(whole.manifest);
  });

  it('checks what it reads: checksums, and the task an activity names', async () => {
    const good = await encodeSnapshot(testState(), META);
    const tampered = new Map(good);
    tampered.set('tasks.csv', new TextEncoder().encode(text(good, 'tasks.csv').replace('task-1', 'task-2')));
    const names = ['activities', 'tasks'] as const;
    expect((await asyncInputErrorOf(decodeSnapshotTables(tampered, names, 'snap'))).issues[0]).toMatchObject({
      file: 'snap/tasks.csv',
      field: 'sha256',
    });
    const badRef = await withFile(good, 'activities.csv', (c) => c.replace(',task-1,', ',task-404,'));
    expect((await asyncInputErrorOf(decodeSnapshotTables(badRef, names, 'snap'))).issues[0]).toMatchObject({
      file: 'snap/activities.csv',
      field: 'taskId',
    });
  });

  it('computes checksums with the hash it is given', async () => {
    const good = await encodeSnapshot(testState(), META);
    const names = ['activities', 'tasks'] as const;
    const hashed: number[] = [];
    const counting = (bytes: Uint8Array) => {
      hashed.push(bytes.length);
      return sha256Hex(bytes);
    };
    await decodeSnapshotTables(good, names, 'snap', { sha256: counting });
    expect(hashed).toEqual(['activities.csv', 'tasks.csv'].map((f) => good.get(f)?.length));
    const wrong = () => '0'.repeat(64);
    const refused = await asyncInputErrorOf(decodeSnapshotTables(good, names, 'snap', { sha256: wrong }));
    expect(refused.issues[0]).toMatchObject({ file: 'snap/activities.csv', field: 'sha256' });
  });

  it('refuses to check activity devices without the activities they belong to', async () => {
    const good = await encodeSnapshot(testState(), META);
    await expect(decodeSnapshotTables(good, ['activityDevices'])).rejects.toThrow(/activities/);
  });
});

describe('streamed snapshot files', () => {
  // The reader scans cells for line breaks only in rows whose text shows quoting, so lines must stay
  // right when quoted cells (with and without breaks) and rows straddle a stream's chunks.
  it('report real file lines when chunks split rows and quoted cells', async () => {
    const csv = csvDocument(
      ['a', 'b'],
      [
        ['s', 't'],
        ['one\ntwo\r\nthree', 'x'],
        ['"quoted", no break', 'y'],
        ['p\nq', 'r'],
        ['', ''],
        ['u', 'v'],
      ],
    );
    const bytes = Buffer.from(csv);
    // papaparse guesses the line break from the first chunk, so that one holds a plain row.
    for (const size of [11, 17, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const lines: number[] = [];
      await readCsvRows(Readable.from(chunks), 'f.csv', ['a', 'b'], (_, line) => lines.push(line));
      expect(lines).toEqual([2, 3, 6, 7, 9, 10]);
    }
  });
});
