import { InputError } from '../../errors.ts';
import { LIMITS } from '../../limits.ts';
import { isJsonObject, type JsonRecord } from './fields.ts';

/** A vendor JSON file split into its records, each with the line it starts on. */
export interface JsonDocument {
  /** The OData `@odata.context` of an envelope or single entity; null when absent. */
  readonly context: string | null;
  /**
   * The envelope's `@odata.nextLink`: the address of the next page of a paged answer. A page that
   * has one is not the last of its answer.
   */
  readonly nextLink: string | null;
  readonly records: readonly JsonRecord[];
}

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parse JSON text. A failure becomes an InputError with the line and column of the fault; the
 * engine's own message differs between versions and often has no position, so the fault is found
 * by `findSyntaxError`. `firstLine` places a one-line document inside a larger file. Arrays and
 * objects nested deeper than LIMITS.maxJsonDepth are refused too (see `tooDeep`).
 */
export function parseJsonText(text: string, file: string, firstLine = 1): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const fault = findSyntaxError(body) ?? { offset: 0, message: e.message };
    throw jsonFault(body, fault, file, firstLine);
  }
  const deep = tooDeep(body, value);
  if (deep) throw jsonFault(body, deep, file, firstLine);
  return value;
}

/** The InputError of a fault found in `text`, which begins at line `firstLine` of `file`. */
export function jsonFault(text: string, fault: JsonFault, file: string, firstLine = 1): InputError {
  const { line, column } = positionOf(text, fault.offset);
  return new InputError([
    {
      file,
      line: firstLine + line - 1,
      field: null,
      message: `${fault.tooDeep ? 'JSON nested too deep' : 'malformed JSON'} at column ${column}: ${fault.message}`,
    },
  ]);
}

/** Where and why a text is not JSON, or is JSON nested too deep. */
export interface JsonFault {
  readonly offset: number;
  readonly message: string;
  readonly tooDeep?: true;
}

/**
 * Whether a value parsed from `text` has arrays and objects nested deeper than
 * LIMITS.maxJsonDepth, and where the text first goes too deep. The vendor's records are a few
 * levels deep; code over JSON values recurses (printing, cloning, canonical forms) and a hostile
 * file a hundred thousand levels deep must stop here with its line, not as a stack overflow
 * further on. A text with fewer brackets than the limit cannot be too deep, which settles a line
 * of an export with two calls of indexOf; only other texts have their value walked.
 */
export function tooDeep(text: string, value: unknown): JsonFault | null {
  if (!mayNestDeeper(text) || !nestedDeeper(value)) return null;
  return findSyntaxError(text);
}

function mayNestDeeper(text: string): boolean {
  let brackets = 0;
  for (const open of ['[', '{']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) {
      if (++brackets > LIMITS.maxJsonDepth) return true;
    }
  }
  return false;
}

/** A walk with a stack of its own: a value too deep for the call stack is what it looks for. */
function nestedDeeper(value: unknown): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  for (
    let v = values.pop(), d = depths.pop() ?? 0;
    v !== undefined;
    v = values.pop(), d = depths.pop() ?? 0
  ) {
    if (typeof v !== 'object' || v === null) continue;
    if (d === LIMITS.maxJsonDepth) return true;
    const children: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(d + 1);
      }
    }
  }
  return false;
}

const WS = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const show = (text: string, i: number): string =>
  i >= text.length ? 'end of input' : JSON.stringify(text.slice(i, i + 12));

class Fault {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly tooDeep = false,
  ) {}
}

/**
 * Where and why `text` is not JSON, or nests arrays and objects deeper than LIMITS.maxJsonDepth
 * (null when neither). Only run after JSON.parse failed or found it too deep, so its speed does not
 * matter; it names the faults people make by hand, trailing commas above all (the vendor's own
 * documentation examples have them). It keeps the open arrays and objects on a stack of its own,
 * so no nesting overflows the call stack, closed or not.
 */
export function findSyntaxError(text: string): JsonFault | null {
  let i = 0;
  /** The closing character of each array and object open at `i`, innermost last. */
  const open: number[] = [];
  const skip = (): void => {
    while (i < text.length && WS(text.charCodeAt(i))) i++;
  };
  const expect = (what: string): never => {
    if (i >= text.length)
      throw new Fault(i, `unexpected end of input (the file is cut short?); expected ${what}`);
    throw new Fault(i, `expected ${what}, found ${show(text, i)}`);
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length)
        throw new Fault(i, 'unexpected end of input inside a string (the file is cut short?)');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) throw new Fault(i, 'control character (e.g. a line break) inside a string');
      if (c === 92) {
        const n = text[i + 1] ?? '';
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            throw new Fault(i, 'bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(n) || n === '') throw new Fault(i, `bad escape \\${n} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const key = (): void => {
    skip();
    if (text.charCodeAt(i) !== 34) expect('a property name in double quotes');
    string();
    skip();
    if (text.charCodeAt(i) !== 58) expect("':' after the property name");
    i++;
  };
  const scalar = (): void => {
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) expect('a value');
    i += m?.[0].length ?? 0;
  };
  /** After a value: close what it ends; true once a next value is due, false at the end of the text. */
  const afterValue = (): boolean => {
    for (;;) {
      skip();
      const close = open.at(-1);
      if (close === undefined) {
        if (i < text.length)
          throw new Fault(i, `unexpected text after the end of the JSON value: ${show(text, i)}`);
        return false;
      }
      const closeChar = String.fromCharCode(close);
      const c = text.charCodeAt(i);
      if (c === close) {
        open.pop();
        i++;
        continue;
      }
      if (c !== 44) expect(`',' or '${closeChar}'`);
      const comma = i;
      i++;
      skip();
      if (text.charCodeAt(i) === close) throw new Fault(comma, `trailing comma before '${closeChar}'`);
      if (close === 125) key();
      return true;
    }
  };
  try {
    for (;;) {
      skip();
      const c = text.charCodeAt(i);
      if (c === 123 || c === 91) {
        if (open.length === LIMITS.maxJsonDepth)
          throw new Fault(
            i,
            `more than ${LIMITS.maxJsonDepth} levels of arrays and objects within each other (a vendor record has a few)`,
            true,
          );
        const close = c === 123 ? 125 : 93;
        open.push(close);
        i++;
        skip();
        if (text.charCodeAt(i) !== close) {
          if (c === 123) key();
          continue;
        }
        open.pop();
        i++;
      } else if (c === 34) string();
      else scalar();
      if (!afterValue()) return null;
    }
  } catch (e) {
    if (!(e instanceof Fault)) throw e;
    return e.tooDeep
      ? { offset: e.offset, message: e.message, tooDeep: true }
      : { offset: e.offset, message: e.message };
  }
}

/**
 * The line each element of the records array starts on: the top-level array, or the `value`
 * array of a top-level object (the OData envelope). A light scan of text already known to be JSON.
 */
export function recordLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1; // depth inside the records array, once found
  let lastKey = '';
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (WS(c)) continue;
    if (expectElement) {
      expectElement = false;
      if (c !== 93) lines.push(line);
    }
    if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (depth === 1) lastKey = text.slice(start + 1, i);
    } else if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && target < 0 && (depth === 1 || (depth === 2 && lastKey === 'value'))) {
        target = depth;
        expectElement = true;
      }
    } else if (c === 125 || c === 93) {
      if (depth === target) target = -2; // only the first records array counts
      depth--;
    } else if (c === 44 && depth === target) expectElement = true;
  }
  return lines;
}

/**
 * The `@odata.nextLink` of an envelope. Anything but an address or null is refused: read as "no
 * next page", it would make a page look like the last one.
 */
function nextLinkOf(doc: unknown, file: string): string | null {
  const link = isJsonObject(doc) ? doc['@odata.nextLink'] : undefined;
  if (link === undefined || link === null) return null;
  if (typeof link === 'string' && link.trim() !== '') return link;
  throw new InputError([
    {
      file,
      line: null,
      path: '$',
      field: '@odata.nextLink',
      message: 'expected the address of the next page',
    },
  ]);
}

/**
 * Split a vendor JSON file into records: the OData envelope `{"@odata.context", "value": [...]}`,
 * a bare array, or a single entity (the "get by id" endpoints).
 */
export function readJsonDocument(text: string, file: string): JsonDocument {
  const doc = parseJsonText(text, file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const annotation = (o: unknown, name: string): string | null => {
    const c = isJsonObject(o) ? o[name] : undefined;
    return typeof c === 'string' ? c : null;
  };
  const contextOf = (o: unknown): string | null => annotation(o, '@odata.context');
  const list = (items: readonly unknown[], base: string, context: string | null): JsonDocument => {
    const lines = recordLines(body);
    return {
      context,
      nextLink: nextLinkOf(doc, file),
      records: items.map((value, i) => ({ value, line: lines[i] ?? null, path: `${base}[${i}]` })),
    };
  };
  if (Array.isArray(doc)) return list(doc, '$', null);
  if (isJsonObject(doc) && Array.isArray(doc.value)) return list(doc.value, '$.value', contextOf(doc));
  if (isJsonObject(doc)) {
    const first = body.search(/\S/);
    return {
      context: contextOf(doc),
      nextLink: null,
      records: [{ value: doc, line: positionOf(body, first).line, path: '$' }],
    };
  }
  throw new InputError([
    {
      file,
      line: null,
      path: '$',
      field: null,
      message: 'expected a JSON object or array of vendor records',
    },
  ]);
}
