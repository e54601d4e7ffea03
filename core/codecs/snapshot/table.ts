import { parseCell, parseOptional, requireEmpty } from './cells.ts';

/** Characters a JSON string literal cannot hold as they are. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/**
 * A copy of a cell that holds no reference to the text it was cut from. papaparse's cells are V8
 * sliced strings that keep their whole block of the file alive, so a million kept rows would hold
 * the whole file plus a slice per cell; and a slice of text holding any character above U+00FF is
 * two bytes a character, twice the memory and slower to write into a page. V8 copies strings
 * shorter than 13 characters instead of slicing them. A JSON string literal is parsed into a new
 * flat string, one byte a character when its text allows: measured, seven times faster than the
 * `split('').join('')` kept for cells JSON would need escaped.
 */
const detached = (cell: string): string => {
  if (cell.length < 13) return cell;
  return NEEDS_ESCAPE.test(cell) ? cell.split('').join('') : (JSON.parse(`"${cell}"`) as string);
};

/** The values one column has given so far, and its last cell (which may pin the file's text). */
interface Memo {
  raw: string | null;
  value: unknown;
  /** Whether the last cell repeated the one before: only then is the next compared with it. */
  repeating: boolean;
  readonly seen: Map<string, unknown>;
}

/**
 * The values `Row.interned` has given, by parse function: tables of one snapshot that share a
 * pool share their values (a device id is parsed and copied once, not once per table naming it).
 */
export type InternPool = Map<(raw: string) => unknown, Map<string, unknown>>;

/**
 * One row being decoded: cells by column name, so a parser can only name columns the table has and
 * every problem names the right one. One Row is reused for every line of a file (no allocation on
 * the hot path).
 */
export class Row<C extends string> {
  cells: readonly string[] = [];
  private readonly memos: Memo[] = [];
  constructor(
    private readonly index: Readonly<Record<C, number>>,
    private readonly pool: InternPool,
  ) {}
  raw(name: C): string {
    return this.cells[this.index[name]] ?? '';
  }
  /**
   * A cell to keep, of a column whose values do not repeat (device ids and names), parsed when
   * `parse` is given: a copy that pins nothing of the file's text, and holds one byte a character
   * when its text does (a slice of a file with any wider character anywhere holds two, which made
   * every page built from it twice the size in memory and slower to write).
   */
  kept(name: C): string;
  kept<T>(name: C, parse: (raw: string) => T): T;
  kept<T>(name: C, parse?: (raw: string) => T): T | string {
    const cell = detached(this.raw(name));
    return parse ? parseCell(name, cell, parse) : cell;
  }
  parse<T>(name: C, parse: (raw: string) => T): T {
    return parseCell(name, this.raw(name), parse);
  }
  optional<T>(name: C, parse: (raw: string) => T): T | null {
    return parseOptional(name, this.raw(name), parse);
  }
  /**
   * `parse` for a column whose values repeat (ids, times): each distinct cell is parsed once and
   * every row gets the same detached value, so kept rows share their strings and pin nothing.
   * `parse` must depend on the cell alone (and not return undefined), and be the same function on
   * every call for a column: rows sharing an InternPool share the values each parse function gave.
   */
  interned<T>(name: C, parse: (raw: string) => T): T {
    const at = this.index[name];
    const raw = this.cells[at] ?? '';
    let memo = this.memos[at];
    if (memo === undefined) {
      let seen = this.pool.get(parse);
      if (seen === undefined) {
        seen = new Map();
        this.pool.set(parse, seen);
      }
      memo = { raw: null, value: null, repeating: false, seen };
      this.memos[at] = memo;
    }
    // Sorted files repeat a value on neighbouring rows (a device's id and scan times): comparing with
    // the last cell is cheaper than hashing it. A column that changes every row (the recommendation
    // of an exposure) skips the comparison, which would only fail: comparing two cells cut from the
    // file's text is a runtime call, not a pointer check.
    if (memo.repeating && raw === memo.raw) return memo.value as T;
    let value = memo.seen.get(raw) as T | undefined;
    if (value === undefined) {
      const cell = detached(raw);
      value = parseCell(name, cell, parse);
      memo.seen.set(cell, value);
    }
    memo.repeating = value === memo.value;
    memo.raw = raw;
    memo.value = value;
    return value;
  }
  optionalInterned<T>(name: C, parse: (raw: string) => T): T | null {
    return this.raw(name) === '' ? null : this.interned(name, parse);
  }
  empty(name: C, why: string): void {
    requireEmpty(name, this.raw(name), why);
  }
}

/** How one entity is laid out as one CSV file of a snapshot. */
export interface Table<T, C extends string = string> {
  readonly file: string;
  /** Fixed column order: the header, and the cell order of every line. */
  readonly columns: readonly C[];
  readonly encode: (row: T) => Readonly<Record<C, string>>;
  readonly decode: (row: Row<C>) => T;
  /** Identity: two rows with the same key are a duplicate. */
  readonly key: (row: T) => string;
  /** The column(s) a duplicate is reported on. */
  readonly keyField: C;
  /** The order rows are written in: the table's comparator in core/model/canonical-order.ts. */
  readonly order: (a: T, b: T) => number;
  /**
   * Whether `order` compares exactly the key, so a duplicate sits next to its twin in a sorted file.
   * Not so for events (sorted by time, keyed by id).
   */
  readonly orderedByKey: boolean;
}

export const defineTable = <T, const C extends string>(t: Table<T, C>): Table<T, C> => t;

export function rowReader<C extends string>(columns: readonly C[], pool: InternPool = new Map()): Row<C> {
  const index = {} as Record<C, number>;
  columns.forEach((c, i) => {
    index[c] = i;
  });
  return new Row(index, pool);
}

export const encodeRow = <T, C extends string>(table: Table<T, C>, row: T): string[] => {
  const cells = table.encode(row);
  return table.columns.map((c) => cells[c]);
};

/** Composite keys join with NUL, which no id may contain, so prefixes sort first. */
export const compositeKey = (...parts: readonly string[]): string => parts.join('\u0000');
