import { parseCell, parseOptional, requireEmpty } from './cells.ts';

/**
 * One row being decoded: cells by column name, so a parser can only name columns the table has and
 * every problem names the right one. One Row is reused for every line of a file (no allocation on
 * the hot path).
 */
export class Row<C extends string> {
  cells: readonly string[] = [];
  constructor(private readonly index: Readonly<Record<C, number>>) {}
  raw(name: C): string {
    return this.cells[this.index[name]] ?? '';
  }
  parse<T>(name: C, parse: (raw: string) => T): T {
    return parseCell(name, this.raw(name), parse);
  }
  optional<T>(name: C, parse: (raw: string) => T): T | null {
    return parseOptional(name, this.raw(name), parse);
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
  /** Sort key when rows are not listed in key order (events: by time). */
  readonly order?: (row: T) => string;
}

export const defineTable = <T, const C extends string>(t: Table<T, C>): Table<T, C> => t;

export function rowReader<C extends string>(columns: readonly C[]): Row<C> {
  const index = {} as Record<C, number>;
  columns.forEach((c, i) => {
    index[c] = i;
  });
  return new Row(index);
}

export const encodeRow = <T, C extends string>(table: Table<T, C>, row: T): string[] => {
  const cells = table.encode(row);
  return table.columns.map((c) => cells[c]);
};

/** Keys are compared by UTF-16 code units, never by locale, so every machine sorts alike. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Composite keys join with NUL, which no id may contain, so prefixes sort first. */
export const compositeKey = (...parts: readonly string[]): string => parts.join('\u0000');
