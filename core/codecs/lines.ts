/**
 * Reading outside files within LIMITS, as pure code over sizes, bytes and text chunks, so the
 * command line (node's zlib) and the extension (`DecompressionStream`) hold the same bounds: a
 * file read whole has a size limit, and a one-record-per-line export part is streamed line by
 * line with bounded memory whatever its content — a gzip bomb, one endless line, gigabytes of
 * blank lines — and refused at the first sign, naming the file and the line.
 */
import { InputError } from '../errors.ts';
import { LIMITS } from '../limits.ts';

const MIB = 1024 * 1024;
const inMiB = (bytes: number): string =>
  bytes < MIB ? `${Math.ceil(bytes / 1024)} KiB` : `${Math.round(bytes / MIB).toLocaleString('en')} MiB`;

/** The issue for a file of `bytes` over `limit`, saying what may be that large (null within it). */
function tooLarge(file: string, bytes: number, limit: number, what: string): InputError | null {
  if (bytes <= limit) return null;
  const message = `the file is ${inMiB(bytes)}, more than the ${inMiB(limit)} ${what}`;
  return new InputError([{ file, line: null, field: null, message }]);
}

/** The issue for a file read whole (vendor JSON, a bundle, a zip) that is larger than we read whole. */
export const wholeFileTooLarge = (file: string, bytes: number): InputError | null =>
  tooLarge(
    file,
    bytes,
    LIMITS.maxWholeFileBytes,
    'a file read whole may be; only gzip export parts are streamed',
  );

/** The issue for a file of a snapshot folder larger than a file of a snapshot zip may inflate to. */
export const snapshotFileTooLarge = (file: string, bytes: number): InputError | null =>
  tooLarge(file, bytes, LIMITS.maxZipEntryBytes, 'a file of a snapshot may be');

/**
 * Splits text arriving in chunks into lines ('\n'; a '\r' before it stays, JSON takes it as
 * whitespace). Each chunk is scanned once and a line's pieces are joined once, so one huge line
 * costs linear time; a line over `maxLineChars` is refused as soon as it gets there, before it is
 * held whole.
 *
 * A blank line before the first record is refused: an export part is written by a program and
 * starts with its first record, and a reader that skipped such lines would have to count them
 * to keep the line numbers of its errors true (core numbers the lines it is given).
 */
export class LineSplitter {
  #pieces: string[] = [];
  #chars = 0;
  #line = 1;
  #inRecords = false;

  constructor(
    readonly file: string,
    readonly maxLineChars: number = LIMITS.maxLineChars,
  ) {}

  /** The lines `text` completes, in order. */
  push(text: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      this.#take(text, from, nl);
      lines.push(this.#complete());
      from = nl + 1;
    }
    this.#take(text, from, text.length);
    return lines;
  }

  /** The last line, when the text does not end with a newline. */
  end(): string[] {
    return this.#chars === 0 ? [] : [this.#complete()];
  }

  /** An error at the line being read. */
  fail(message: string): InputError {
    return new InputError([{ file: this.file, line: this.#line, field: null, message }]);
  }

  #take(text: string, from: number, to: number): void {
    if (to === from) return;
    this.#chars += to - from;
    if (this.#chars > this.maxLineChars)
      throw this.fail(
        `the line is longer than ${this.maxLineChars.toLocaleString('en')} characters; one record per line is far shorter`,
      );
    this.#pieces.push(text.slice(from, to));
  }

  #complete(): string {
    const line = this.#pieces.length === 1 ? (this.#pieces[0] as string) : this.#pieces.join('');
    this.#pieces = [];
    this.#chars = 0;
    if (!this.#inRecords) {
      if (line.trim() === '')
        throw this.fail('a blank line before the first record; an export part starts with its first record');
      this.#inRecords = true;
    }
    this.#line++;
    return line;
  }
}

/** A gzip file being inflated, by whatever inflater the surface has. */
export interface InflatingSource {
  /** The decompressed bytes, as they come; throws what the inflater throws on bad data. */
  readonly inflated: AsyncIterable<Uint8Array>;
  /** Compressed bytes read so far. */
  compressedRead(): number;
  /** What the inflater's error says of the file, in words; null for an error that is not the file's (rethrown). */
  describeFault(e: unknown): string | null;
}

/** The limits an export part is read within (LIMITS; smaller ones in tests). */
export type PartLimits = Readonly<
  Record<'maxLineChars' | 'maxDecompressedBytes' | 'maxInflationRatio' | 'inflationGraceBytes', number>
>;

/**
 * The lines of a gzip export part (UTF-8, one record per line), streamed. Refused, naming the file
 * and the line reached: data the inflater rejects (cut short, corrupt, a bad trailer), invalid
 * UTF-8, an over-long line, a blank line before the first record, and a gzip bomb — more than
 * `maxDecompressedBytes` in all, or, past the first `inflationGraceBytes`, more than
 * `maxInflationRatio` decompressed bytes per compressed byte read.
 */
export async function* exportPartLines(
  source: InflatingSource,
  file: string,
  limits: PartLimits = LIMITS,
): AsyncGenerator<string, void, undefined> {
  const lines = new LineSplitter(file, limits.maxLineChars);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw lines.fail('invalid UTF-8 in the decompressed text; the export must be UTF-8');
    }
  };
  let inflated = 0;
  try {
    for await (const bytes of source.inflated) {
      inflated += bytes.length;
      if (inflated > limits.maxDecompressedBytes)
        throw lines.fail(
          `decompresses to more than ${inMiB(limits.maxDecompressedBytes)}, the most an export part may hold`,
        );
      const compressed = source.compressedRead();
      if (inflated > limits.inflationGraceBytes && inflated > limits.maxInflationRatio * compressed)
        throw lines.fail(
          `decompresses to over ${limits.maxInflationRatio} times its compressed size (${inMiB(inflated)} from ${inMiB(compressed)} so far): a gzip bomb, not an export`,
        );
      yield* lines.push(decode(bytes));
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const fault = source.describeFault(e);
    if (fault === null) throw e;
    throw lines.fail(`not a readable gzip file: ${fault}`);
  }
  yield* lines.push(decode());
  yield* lines.end();
}
