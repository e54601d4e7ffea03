import { InputError } from '../../errors.ts';
import { COUNT_RANGE, isCount, shownNumber } from '../../model/count.ts';
import { IdError } from '../../model/ids.ts';
import { isUnicodeText } from '../../model/text.ts';
import { type CalendarDate, calendarDate, type Instant, instant, TimeError } from '../../model/time.ts';

export type JsonObject = { readonly [key: string]: unknown };

/** One record of a vendor file and where it starts, so every complaint can point at it. */
export interface JsonRecord {
  readonly value: unknown;
  /** 1-based line where the record starts; null when unknown. */
  readonly line: number | null;
  /** JSON path of the record, e.g. `$.value[3]`. */
  readonly path: string;
}

export const isJsonObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short, safe rendering of a bad value for an error message. */
function describeJsonValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * Reads the fields of one record at a time: parse, never cast. Every reader knows the file, line
 * and JSON path, so a wrong value becomes an InputError naming all of them. One reader is moved from
 * record to record (`at`) rather than made per record: a million-row export costs no extra objects.
 */
export class FieldReader {
  private rec: JsonObject = {};
  private line: number | null = null;
  private path = '$';

  constructor(readonly file: string) {}

  at(value: unknown, line: number | null, path: string): this {
    this.line = line;
    this.path = path;
    if (!isJsonObject(value))
      throw this.error(null, `expected a JSON object, got ${describeJsonValue(value)}`);
    this.rec = value;
    return this;
  }

  get currentLine(): number | null {
    return this.line;
  }

  /** An InputError located at the current record (and field, when given). */
  error(field: string | null, message: string, subPath: string | null = field): InputError {
    return new InputError([
      {
        file: this.file,
        line: this.line,
        path: subPath === null ? this.path : `${this.path}.${subPath}`,
        field,
        message,
      },
    ]);
  }

  raw(name: string): unknown {
    return this.rec[name];
  }

  /** Text as it is, once it is Unicode (see isUnicodeText). */
  private unicode(name: string, v: string, subPath: string = name): string {
    if (isUnicodeText(v)) return v;
    throw this.error(name, 'is not Unicode text: it holds half of a surrogate pair', subPath);
  }

  /** A required string; null or absent is refused. */
  string(name: string): string {
    const v = this.rec[name];
    if (typeof v === 'string') return this.unicode(name, v);
    throw this.error(name, v === undefined ? 'is missing' : `expected a string, got ${describeJsonValue(v)}`);
  }

  /** A documented string the vendor sometimes leaves null or out: read as ''. */
  text(name: string): string {
    const v = this.rec[name];
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return this.unicode(name, v);
    throw this.error(name, `expected a string or null, got ${describeJsonValue(v)}`);
  }

  /** A string that may be null or absent; '' counts as absent. */
  optString(name: string): string | null {
    const v = this.rec[name];
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'string') return this.unicode(name, v);
    throw this.error(name, `expected a string or null, got ${describeJsonValue(v)}`);
  }

  /** A finite number; -0 is read as 0, which is how the snapshot writes it. */
  number(name: string): number {
    const v = this.rec[name];
    if (typeof v === 'number' && Number.isFinite(v)) return v === 0 ? 0 : v;
    throw this.error(name, v === undefined ? 'is missing' : `expected a number, got ${describeJsonValue(v)}`);
  }

  /** A count (see `isCount`): whole, not negative, at most LIMITS.maxCount. */
  count(name: string): number {
    const v = this.rec[name];
    if (isCount(v)) return v;
    if (typeof v !== 'number') this.number(name);
    throw this.error(name, `expected ${COUNT_RANGE}, got ${shownNumber(v as number)}`);
  }

  optCount(name: string): number | null {
    const v = this.rec[name];
    return v === null || v === undefined ? null : this.count(name);
  }

  boolean(name: string): boolean {
    const v = this.rec[name];
    if (typeof v === 'boolean') return v;
    throw this.error(
      name,
      v === undefined ? 'is missing' : `expected true or false, got ${describeJsonValue(v)}`,
    );
  }

  optBoolean(name: string): boolean | null {
    const v = this.rec[name];
    return v === null || v === undefined ? null : this.boolean(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.string(name);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    throw this.error(name, `${describeJsonValue(v)} is not one of ${allowed.join(', ')}`);
  }

  optOneOf<T extends string>(name: string, allowed: readonly T[]): T | null {
    const v = this.rec[name];
    return v === null || v === undefined ? null : this.oneOf(name, allowed);
  }

  instant(name: string): Instant {
    return this.parsed(name, this.string(name), instant);
  }

  optInstant(name: string): Instant | null {
    const v = this.optString(name);
    return v === null ? null : this.parsed(name, v, instant);
  }

  optDate(name: string): CalendarDate | null {
    const v = this.optString(name);
    return v === null ? null : this.parsed(name, v, calendarDate);
  }

  /** A required id, checked by one of the constructors of model/ids.ts. */
  id<T>(name: string, make: (raw: string) => T): T {
    return this.parsed(name, this.string(name), make);
  }

  /** Apply a checking constructor, turning its IdError/TimeError into a located InputError. */
  parsed<T>(name: string, raw: string, make: (raw: string) => T): T {
    try {
      return make(raw);
    } catch (e) {
      if (e instanceof IdError || e instanceof TimeError) throw this.error(name, e.message);
      throw e;
    }
  }

  /**
   * A list of strings; null or absent is an empty list. A lone string is accepted as a one-item
   * list: the vendor documents some of these lists as strings and returns arrays, or the reverse.
   */
  strings(name: string): readonly string[] {
    const v = this.rec[name];
    if (v === null || v === undefined || v === '') return [];
    if (typeof v === 'string') return [this.unicode(name, v)];
    if (!Array.isArray(v)) throw this.error(name, `expected a list of strings, got ${describeJsonValue(v)}`);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (typeof item !== 'string') {
        throw this.error(name, `expected a string, got ${describeJsonValue(item)}`, `${name}[${i}]`);
      }
      this.unicode(name, item, `${name}[${i}]`);
    }
    return v as readonly string[];
  }
}

/** Ids must be unique within one file; the second occurrence is refused, naming the first. */
export class UniqueIds {
  private readonly first = new Map<string, number | null>();

  check(id: string, f: FieldReader, field = 'id'): void {
    if (this.first.has(id)) {
      const at = this.first.get(id);
      throw f.error(field, `duplicate id ${describeJsonValue(id)} (first at line ${at ?? '?'})`);
    }
    this.first.set(id, f.currentLine);
  }
}

/** Read every record of a file with `read`, refusing duplicate ids. */
export function readRecords<T extends { readonly id: string }>(
  records: readonly JsonRecord[],
  file: string,
  read: (f: FieldReader) => T,
): T[] {
  const f = new FieldReader(file);
  const ids = new UniqueIds();
  const out: T[] = [];
  for (const r of records) {
    const item = read(f.at(r.value, r.line, r.path));
    ids.check(item.id, f);
    out.push(item);
  }
  return out;
}
