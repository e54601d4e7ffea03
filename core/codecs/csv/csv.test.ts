import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asyncInputErrorOf } from '../../../test/support/core/input-error.ts';
import { neutralise, unneutralise } from './neutralise.ts';
import { readCsvRows, readCsvStream } from './read.ts';
import { csvDocument } from './write.ts';

const HOSTILE = [
  '=SUM(1)',
  '+1',
  '-1',
  '@x',
  '\tt',
  '\rr',
  "'a",
  "'=b",
  "''",
  'a,"b"\r\nc\nd',
  '修正',
  '',
  ' x ',
];

async function readAll(input: string | Uint8Array | NodeJS.ReadableStream, columns: readonly string[]) {
  const rows: { cells: string[]; line: number }[] = [];
  await readCsvRows(input, 'f.csv', columns, (cells, line) => rows.push({ cells: [...cells], line }));
  return rows;
}

const inputError = async (p: Promise<unknown>) => (await asyncInputErrorOf(p)).issues[0];

describe('formula-injection neutralisation', () => {
  it('prefixes formula starters and apostrophes, and removes exactly one on read', () => {
    expect(neutralise('=1')).toBe("'=1");
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise("'x")).toBe("''x");
    expect(neutralise('a=1')).toBe('a=1');
    for (const s of HOSTILE) expect(unneutralise(neutralise(s))).toBe(s);
  });
});

describe('CSV write and streaming read', () => {
  it('round-trips hostile cells with BOM, CRLF, quoting and neutralisation', async () => {
    const text = csvDocument(
      ['a', 'b'],
      HOSTILE.map((s, i) => [s, String(i)]),
    );
    expect(text.startsWith('\ufeffa,b\r\n')).toBe(true);
    expect(text).toContain("'=SUM(1),0\r\n");
    expect(text).toContain('"\'\rr",5');
    const rows = await readAll(text, ['a', 'b']);
    expect(rows.map((r) => r.cells[0])).toEqual(HOSTILE);
  });

  it('reports real file lines for rows that span several lines', async () => {
    const text = csvDocument(
      ['a', 'b'],
      [
        ['one\ntwo\r\nthree', 'x'],
        ['y', 'z'],
        ['p\nq', 'r'],
        ['s', 't'],
      ],
    );
    expect((await readAll(text, ['a', 'b'])).map((r) => r.line)).toEqual([2, 5, 6, 8]);
    const bad = `${text}u\n`;
    expect(await inputError(readAll(bad, ['a', 'b']))).toMatchObject({ file: 'f.csv', line: 8 + 1 });
  });

  it('reorders columns to the expected order and offers records', async () => {
    const rows: Record<string, string>[] = [];
    await readCsvStream('b,a\n2,1\n', 'f.csv', ['a', 'b'], (r) => rows.push(r));
    expect(rows).toEqual([{ a: '1', b: '2' }]);
  });

  it('reads a Node stream whose chunks split a multi-byte character', async () => {
    const bytes = Buffer.from(csvDocument(['a', 'b'], [['修正活动', '1']]));
    const stream = Readable.from([bytes.subarray(0, 12), bytes.subarray(12)]);
    expect((await readAll(stream, ['a', 'b']))[0]?.cells).toEqual(['修正活动', '1']);
  });

  it('refuses a missing column, naming it', async () => {
    expect(await inputError(readAll('a\n1\n', ['a', 'b']))).toMatchObject({
      file: 'f.csv',
      line: 1,
      field: 'b',
    });
  });

  it('refuses an unknown column, naming it', async () => {
    expect(await inputError(readAll('a,b,c\n1,2,3\n', ['a', 'b']))).toMatchObject({ line: 1, field: 'c' });
  });

  it('refuses a row with the wrong number of cells', async () => {
    expect(await inputError(readAll('a,b\n1,2\n1,2,3\n', ['a', 'b']))).toMatchObject({ line: 3 });
  });

  it('refuses malformed quoting', async () => {
    const issue = await inputError(readAll('a,b\n1,2\n"x"y,2\n', ['a', 'b']));
    expect(issue).toMatchObject({ line: 3 });
    expect(issue?.message).toMatch(/quot/);
  });

  it('refuses a file without a header', async () => {
    expect(await inputError(readAll('', ['a', 'b']))).toMatchObject({ line: 1 });
  });

  it('refuses a malformed row in bytes, at its line', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n"x"y,2\n');
    expect(await inputError(readAll(bytes, ['a', 'b']))).toMatchObject({ line: 3 });
    expect(await inputError(readAll(new Uint8Array(), ['a', 'b']))).toMatchObject({ line: 1 });
  });
});

describe('CSV read from bytes, a block of rows at a time', () => {
  // Many blocks (16 kB each), with cells that straddle block ends: quoted line breaks and
  // quotes, wide characters, and a leading U+FEFF that is content, not a byte order mark.
  const cells = Array.from({ length: 8000 }, (_, i) => [
    i % 7 === 0 ? `note ${i}\r\nsecond "line"\nthird` : `\ufeff${i} ${'x'.repeat(i % 40)}`,
    i % 5 === 0 ? `修正 ${i}` : `=${i}`,
  ]);
  const text = csvDocument(['a', 'b'], cells);
  const bytes = new TextEncoder().encode(text);

  it('reads the same rows and lines as from the text', async () => {
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    const fromBytes = await readAll(bytes, ['a', 'b']);
    expect(fromBytes.map((r) => r.cells)).toEqual(cells);
    expect(fromBytes).toEqual(await readAll(text, ['a', 'b']));
    // Each note spans three lines of the file.
    expect(fromBytes.at(-1)?.line).toBe(1 + cells.length + 2 * Math.ceil(cells.length / 7));
  });

  it('reads a file with LF line breaks and no final line break', async () => {
    const lf = text.replaceAll('\r\n', '\n').trimEnd();
    const rows = await readAll(new TextEncoder().encode(lf), ['a', 'b']);
    expect(rows.map((r) => r.cells)).toEqual(cells.map(([a, b]) => [a?.replaceAll('\r\n', '\n'), b]));
  });

  it('refuses bytes that are not UTF-8, naming their line', async () => {
    const bad = new Uint8Array(bytes);
    const at = bytes.length - 100;
    bad[at] = 0xff;
    const line = text.slice(0, new TextDecoder().decode(bytes.subarray(0, at)).length).split('\n').length;
    expect(await inputError(readAll(bad, ['a', 'b']))).toMatchObject({
      file: 'f.csv',
      line,
      message: 'is not UTF-8 text',
    });
  });
});
