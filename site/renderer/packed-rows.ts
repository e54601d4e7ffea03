/**
 * Decoded rows in a form cheap to send from one rendering thread to another. Posted as they are,
 * the device tables of a large snapshot (315,000 objects) took longer to clone than to decode
 * again; column by column, each value kept once and the rows as indices into those values, they
 * cost about a third of decoding them. Values are copied as decoded: the thread that decoded them
 * checked them, and the receiver is the same build.
 */

/** One column: its distinct values and each row's index into them, or every row's value. */
type Column = { readonly values: readonly unknown[]; readonly codes: Uint32Array | null };

export interface PackedRows<T extends object> {
  /** The rows' fields, in the order of the first row's. */
  readonly keys: readonly (keyof T & string)[];
  readonly columns: readonly Column[];
  readonly length: number;
}

/** Rows sampled to tell a column of repeated values from one of unique ones (ids, names). */
const SAMPLE = 4096;

/**
 * Repeated values are indexed, unique ones (where most sampled rows differ) sent as they are: a
 * map from a hundred thousand names to their indices would cost more than it saves.
 */
function packColumn(rows: readonly object[], key: string): Column {
  const get = (i: number): unknown => (rows[i] as Record<string, unknown>)[key];
  const sampled = Math.min(rows.length, SAMPLE);
  const distinct = new Set<unknown>();
  for (let i = 0; i < sampled; i++) distinct.add(get(i));
  if (distinct.size * 10 > sampled * 9) {
    const values: unknown[] = [];
    for (let i = 0; i < rows.length; i++) values.push(get(i));
    return { values, codes: null };
  }
  const values: unknown[] = [];
  const index = new Map<unknown, number>();
  const codes = new Uint32Array(rows.length);
  let last: unknown;
  let lastCode = -1;
  for (let i = 0; i < rows.length; i++) {
    const value = get(i);
    // Sorted tables repeat a value on neighbouring rows: cheaper to compare than to look up.
    if (lastCode < 0 || value !== last) {
      let code = index.get(value);
      if (code === undefined) {
        code = values.length;
        values.push(value);
        index.set(value, code);
      }
      last = value;
      lastCode = code;
    }
    codes[i] = lastCode;
  }
  return { values, codes };
}

/** Rows of one shape (every row has the first row's fields, as a table's decoded rows do). */
export function packRows<T extends object>(rows: readonly T[]): PackedRows<T> {
  const keys = (rows.length === 0 ? [] : Object.keys(rows[0] as object)) as (keyof T & string)[];
  return { keys, columns: keys.map((k) => packColumn(rows, k)), length: rows.length };
}

/** The buffers to transfer rather than copy when posting `packed`. */
export const transferablesOf = <T extends object>(packed: PackedRows<T>): ArrayBuffer[] =>
  packed.columns.flatMap((c) => (c.codes ? [c.codes.buffer as ArrayBuffer] : []));

export function unpackRows<T extends object>(packed: PackedRows<T>): T[] {
  const { keys, columns, length } = packed;
  // Every row starts as a copy of one object with the fields in order, so all share one shape.
  const shape = Object.fromEntries(keys.map((k) => [k, null]));
  const rows = new Array<T>(length);
  for (let i = 0; i < length; i++) {
    const row: Record<string, unknown> = { ...shape };
    for (let c = 0; c < keys.length; c++) {
      const { values, codes } = columns[c] as Column;
      row[keys[c] as string] = values[codes === null ? i : (codes[i] as number)];
    }
    rows[i] = row as T;
  }
  return rows;
}
