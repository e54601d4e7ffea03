import Papa from 'papaparse';
import { InputError, type InputIssue } from '../../errors.ts';
import { unneutralise } from './neutralise.ts';

/**
 * What a CSV is read from: text, UTF-8 bytes held in memory, a browser File/Blob, or a Node
 * readable stream.
 */
export type CsvInput = string | Uint8Array | Blob | NodeJS.ReadableStream;

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
 * Bytes of CSV decoded to text at a time. V8 decodes UTF-8 with no character above U+00FF into a
 * one-byte string, fast; one wider character anywhere (a BOM, a Chinese group name) makes the
 * whole string two-byte, about ten times slower to decode and twice the memory. Decoded a block of
 * rows at a time, most blocks of a snapshot are plain ASCII, and a block is short-lived garbage
 * instead of one 30 MB string. Of 4 kB to 1 MB, 16 kB decoded a large snapshot fastest.
 */
const BLOCK_BYTES = 16 * 1024;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Where each block of whole rows ends: after a line feed outside quotes, once the block holds
 * BLOCK_BYTES. A line feed byte never occurs inside a multi-byte UTF-8 character, so every block
 * is whole UTF-8 text. No block starts with U+FEFF: papaparse would drop it as a byte order mark.
 */
function rowBlockEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  // Quotes counted up to `i`: a quote inside a quoted cell is written doubled, so an odd count
  // means inside a quoted cell.
  let quoted = 0;
  let i = 0;
  let lf = bytes.indexOf(LF, BLOCK_BYTES);
  while (lf !== -1) {
    // Branch-free: this loop visits every byte of a large file.
    for (; i < lf; i++) quoted ^= bytes[i] === QUOTE ? 1 : 0;
    const cut = quoted === 0 && !startsWithBom(bytes, lf + 1);
    if (cut) ends.push(lf + 1);
    lf = bytes.indexOf(LF, cut ? lf + 1 + BLOCK_BYTES : lf + 1);
  }
  if (ends.at(-1) !== bytes.length) ends.push(bytes.length);
  return ends;
}

/** Whether U+FEFF's UTF-8 bytes are at `i`. */
const startsWithBom = (bytes: Uint8Array, i: number): boolean =>
  bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf;

/** The line break of the file's first line; null when it has none (one block, papaparse guesses). */
function firstLineBreak(bytes: Uint8Array): '\n' | '\r\n' | null {
  const lf = bytes.indexOf(LF);
  if (lf === -1) return null;
  return lf > 0 && bytes[lf - 1] === CR ? '\r\n' : '\n';
}

/**
 * Decodes UTF-8 bytes a block of whole rows at a time (see BLOCK_BYTES) and hands each block's
 * text to `parse`, which returns the file line the next block starts on (its first row's line).
 * Bytes that are not UTF-8 are refused naming their line.
 */
function forEachRowBlock(
  bytes: Uint8Array,
  file: string,
  parse: (text: string, newline: '\n' | '\r\n' | undefined) => number,
): void {
  const newline = firstLineBreak(bytes) ?? undefined;
  // The byte order mark is left to papaparse, which drops it from the start of the text it parses.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = 1;
  let start = 0;
  for (const end of rowBlockEnds(bytes)) {
    const block = bytes.subarray(start, end);
    let text: string;
    try {
      text = decoder.decode(block);
    } catch {
      throw issue(file, line + badLineIn(block, decoder), null, 'is not UTF-8 text');
    }
    line = parse(text, newline);
    start = end;
  }
}

/** How many lines into `block` the first one that is not UTF-8 is. */
function badLineIn(block: Uint8Array, decoder: TextDecoder): number {
  let lines = 0;
  for (let start = 0; start < block.length; lines++) {
    const lf = block.indexOf(LF, start);
    const end = lf === -1 ? block.length : lf + 1;
    try {
      decoder.decode(block.subarray(start, end));
    } catch {
      break;
    }
    start = end;
  }
  return lines;
}

/**
 * Read a CSV with papaparse, one row at a time: `cells` are in `expectedColumns` order with the
 * formula-injection prefix removed, `line` is the file line the row starts on (rows with embedded
 * newlines span several lines). The header must name exactly the expected columns, in any order.
 * Bad structure, text that is not UTF-8, and a CellProblem thrown by `onRow` reject with an
 * InputError naming file, line and field. Bytes and a Node stream are read as UTF-8; the caller
 * opens a stream (and closes it on error).
 */
export function readCsvRows(
  input: CsvInput,
  file: string,
  expectedColumns: readonly string[],
  onRow: (cells: readonly string[], line: number) => void,
): Promise<void> {
  let order: number[] | null = null;
  let identity = false;
  let nextLine = 1;
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

  /** papaparse's options for one text (a whole input, or one block of rows); failures land in `failed`. */
  const parsing = (failed: { error: unknown }, newline?: '\n' | '\r\n') => {
    let rowStart = 0;
    return {
      delimiter: ',',
      header: false,
      skipEmptyLines: false,
      ...(newline ? { newline } : {}),
      step(results: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
        const raw = results.data;
        const { cursor, linebreak } = results.meta;
        // Text ending in a line break ends with an empty row that holds no line of the file.
        if (cursor === rowStart && raw.length === 1 && raw[0] === '') return;
        const line = nextLine;
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
          failed.error = e;
          parser.abort();
        }
      },
    };
  };
  const ended = () => {
    if (order === null) throw issue(file, 1, null, 'no header row');
  };

  if (input instanceof Uint8Array) {
    return new Promise((resolve) => {
      forEachRowBlock(input, file, (text, newline) => {
        const failed = { error: null as unknown };
        Papa.parse<string[]>(text, parsing(failed, newline));
        if (failed.error !== null) throw failed.error;
        return nextLine;
      });
      ended();
      resolve();
    });
  }

  if (typeof input === 'object' && 'setEncoding' in input) input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    const failed = { error: null as unknown };
    Papa.parse<string[]>(input as never, {
      ...parsing(failed),
      complete() {
        if (failed.error !== null) {
          if (typeof input === 'object' && 'destroy' in input && typeof input.destroy === 'function') {
            input.destroy();
          }
          reject(failed.error);
        } else {
          try {
            ended();
            resolve();
          } catch (e) {
            reject(e);
          }
        }
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
