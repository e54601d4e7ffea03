/**
 * A tiny runtime schema: each validator checks an unknown value and says where it is wrong. The
 * message types are inferred from these validators, so the checks and the types cannot drift apart.
 */
export type Check<T> = (
  value: unknown,
  path: string,
) => { ok: true; value: T } | { ok: false; error: string };
export type Infer<C> = C extends Check<infer T> ? T : never;

const bad = (path: string, what: string) => ({ ok: false as const, error: `${path}: expected ${what}` });

export const str =
  (max = 10_000): Check<string> =>
  (v, p) =>
    typeof v === 'string' && v.length <= max ? { ok: true, value: v } : bad(p, `a string of at most ${max}`);

export const num =
  (min: number, max: number): Check<number> =>
  (v, p) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
      ? { ok: true, value: v }
      : bad(p, `a number in ${min}..${max}`);

export const bool: Check<boolean> = (v, p) =>
  typeof v === 'boolean' ? { ok: true, value: v } : bad(p, 'a boolean');

export const oneOf =
  <const T extends readonly string[]>(...values: T): Check<T[number]> =>
  (v, p) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? { ok: true, value: v as T[number] }
      : bad(p, `one of ${values.join('|')}`);

export const nullable =
  <T>(inner: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? { ok: true, value: null } : inner(v, p);

export const arrayOf =
  <T>(inner: Check<T>, max = 1_000): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v) || v.length > max) return bad(p, `an array of at most ${max}`);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = inner(v[i], `${p}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  };

type Shape = Record<string, Check<unknown>>;
/** Keys whose check accepts `undefined` may be left out. */
type Optional<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: Infer<S[K]> } & {
  [K in Optional<S>]?: Exclude<Infer<S[K]>, undefined>;
};

export const optional =
  <T>(inner: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? { ok: true, value: undefined } : inner(v, p);

/** An object with exactly these keys: unknown keys are refused, so nothing unexpected slips through. */
export const object =
  <S extends Shape>(shape: S): Check<ObjectOf<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(p, 'an object');
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!(key in shape)) return bad(`${p}.${key}`, 'no such field');
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const r = check(record[key], `${p}.${key}`);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return { ok: true, value: out as ObjectOf<S> };
  };

/** A union discriminated by `kind`. */
export const variants =
  <V extends Record<string, Check<object>>>(
    cases: V,
  ): Check<{ [K in keyof V]: Infer<V[K]> & { kind: K } }[keyof V]> =>
  (v, p) => {
    const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string' || !Object.hasOwn(cases, kind))
      return bad(`${p}.kind`, Object.keys(cases).join('|'));
    const { kind: _, ...rest } = v as Record<string, unknown>;
    const r = (cases[kind] as Check<object>)(rest, p);
    return r.ok ? { ok: true, value: { ...r.value, kind } as never } : r;
  };
