import Papa from 'papaparse';
import { InputError, type InputIssue } from '../../errors.ts';
import { unneutralise } from './neutralise.ts';

/** What papaparse can stream from: text, a browser File/Blob, or a Node readable stream. */
export type CsvInput = string | Blob | NodeJS.ReadableStream;

/**
 * Thrown by a row handler for a bad cell; the reader adds the file and line. Handlers throw this
 * rather than InputError because only the reader knows where the row is.
 */
export class CellProblem extends Error {
  override readonly name = 'CellProblem';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const issue = (file: string, line: number | null, field: string | null, message: string): InputError =>
  new InputError([{ file, line, field, message } satisfies InputIssue]);

const newlinesIn = (cells: readonly string[]): number => {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  }
  return n;
};

/** The length of a row's text had none of its cells been quoted: cells, commas, line break. */
const unquotedLength = (cells: readonly string[], linebreak: string): number => {
  let n = cells.length - 1 + linebreak.length;
  for (const cell of cells) n += cell.length;
  return n;
};

/** Map the file's header onto the expected columns; refuses missing, unknown and repeated ones. */
function columnOrder(file: string, header: readonly string[], expected: readonly string[]): number[] {
  const at = new Map<string, number>();
  header.forEach((name, i) => {
    if (at.has(name)) throw issue(file, 1, name, 'column appears twice');
    if (!expected.includes(name)) throw issue(file, 1, name, 'unknown column');
    at.set(name, i);
  });
  return expected.map((name) => {
    const i = at.get(name);
    if (i === undefined) throw issue(file, 1, name, 'missing column');
    return i;
  });
}

/**
 * Stream a CSV with papaparse, one row at a time: `cells` are in `expectedColumns` order with the
 * formula-injection prefix removed, `line` is the file line the row starts on (rows with embedded
 * newlines span several lines). The header must name exactly the expected columns, in any order.
 * Bad structure, and a CellProblem thrown by `onRow`, reject with an InputError naming file, line
 * and field. A Node stream is read as UTF-8; the caller opens it (and closes it on error).
 */
export function readCsvRows(
  input: CsvInput,
  file: string,
  expectedColumns: readonly string[],
  onRow: (cells: readonly string[], line: number) => void,
): Promise<void> {
  if (typeof input === 'object' && 'setEncoding' in input) input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    let order: number[] | null = null;
    let identity = false;
    let nextLine = 1;
    let rowStart = 0;
    const width = expectedColumns.length;

    const handle = (raw: string[], line: number): void => {
      if (order === null) {
        // papaparse drops the BOM of text but not of a stream's first chunk.
        if (raw[0]?.charCodeAt(0) === 0xfeff) raw[0] = raw[0].slice(1);
        order = columnOrder(file, raw, expectedColumns);
        identity = order.every((from, to) => from === to);
        return;
      }
      // A blank line (papaparse reads it as one empty cell) carries no row.
      if (raw.length === 1 && raw[0] === '' && width > 1) return;
      if (raw.length !== width) {
        throw issue(file, line, null, `expected ${width} cells, found ${raw.length}`);
      }
      const cells = identity ? raw : order.map((i) => raw[i] ?? '');
      for (let i = 0; i < width; i++) {
        const cell = cells[i] as string;
        if (cell.charCodeAt(0) === 39) cells[i] = unneutralise(cell);
      }
      try {
        onRow(cells, line);
      } catch (e) {
        if (e instanceof CellProblem) throw issue(file, line, e.field, e.message);
        throw e;
      }
    };

    Papa.parse<string[]>(input as never, {
      delimiter: ',',
      header: false,
      skipEmptyLines: false,
      step(results, parser) {
        const line = nextLine;
        const raw = results.data;
        const { cursor, linebreak } = results.meta;
        // Only a quoted cell can hold a line break, and quotes make a row's text longer than its
        // cells: scanning every cell of every row for line breaks costs about a fifth of the parse.
        nextLine += cursor - rowStart > unquotedLength(raw, linebreak) ? 1 + newlinesIn(raw) : 1;
        rowStart = cursor;
        try {
          if (results.errors.length > 0) {
            const quoting = results.errors.find((e) => e.type === 'Quotes');
            if (quoting) throw issue(file, line, null, `malformed quoting: ${quoting.message}`);
          }
          handle(raw, line);
        } catch (e) {
          failure = e;
          parser.abort();
        }
      },
      complete() {
        if (failure !== null) {
          if (typeof input === 'object' && 'destroy' in input && typeof input.destroy === 'function') {
            input.destroy();
          }
          reject(failure);
        } else if (order === null) reject(issue(file, 1, null, 'no header row'));
        else resolve();
      },
      error(err: Error) {
        reject(issue(file, null, null, `cannot read: ${err.message}`));
      },
    });
  });
}

/** `readCsvRows` with each row as a record keyed by column name. */
export function readCsvStream(
  input: CsvInput,
  file: string,
  expectedColumns: readonly string[],
  onRow: (row: Record<string, string>, line: number) => void,
): Promise<void> {
  return readCsvRows(input, file, expectedColumns, (cells, line) => {
    const row: Record<string, string> = {};
    expectedColumns.forEach((name, i) => {
      row[name] = cells[i] ?? '';
    });
    onRow(row, line);
  });
}
