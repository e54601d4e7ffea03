import { parseArgs } from 'node:util';
import { type Instant, instant } from '../core/index.ts';

/** A mistake in how the command was called: exit code 2 (the input files were never read). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpec = Readonly<
  Record<
    string,
    { readonly type: 'string' | 'boolean'; readonly multiple?: boolean; readonly short?: string }
  >
>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Strict parsing: an unknown option or a missing value is a UsageError, never silently ignored. */
export function parse(args: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0] ?? String(e));
  }
}

export function stringOption(p: ParsedArgs, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredString(p: ParsedArgs, name: string): string {
  const v = stringOption(p, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** A whole number option within [min, max]; `fallback` when absent. */
export function intOption(p: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = stringOption(p, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export const flag = (p: ParsedArgs, name: string): boolean => p.values[name] === true;

/** An instant option (`--at`), ISO 8601; undefined when not given (see commit.ts snapshotTime). */
export function instantOption(p: ParsedArgs, name: string): Instant | undefined {
  const raw = stringOption(p, name);
  if (raw === undefined) return undefined;
  try {
    return instant(raw);
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`);
  }
}
