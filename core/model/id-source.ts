/**
 * Where new ids come from. Rules never invent randomness: they are handed an IdSource, so the
 * command line and tests can be deterministic while the extension uses random UUIDs.
 */
export interface IdSource {
  next(kind: 'activity' | 'task' | 'exception' | 'event'): string;
}

/** Deterministic ids `{prefix}-{kind}-{n}`: same calls, same ids. */
export function sequentialIds(prefix: string): IdSource {
  const counters = new Map<string, number>();
  return {
    next(kind) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${prefix}-${kind}-${String(n).padStart(6, '0')}`;
    },
  };
}

/** Random UUIDs (Web Crypto, present in Node 20, browsers and extension workers). */
export const randomIds = (): IdSource => ({ next: () => globalThis.crypto.randomUUID() });
