/**
 * Where new ids come from. Rules never invent randomness: they are handed an IdSource, so the
 * command line and tests can be deterministic while the extension uses random UUIDs.
 */
export interface IdSource {
  next(kind: 'activity' | 'task' | 'exception' | 'event'): string;
}

/**
 * Deterministic ids `{prefix}-{kind}-{n}`: same calls, same ids. `taken` says which ids exist
 * already (the state the ids are made for): they are skipped, so a prefix used before — two
 * imports at the same time — still gives new ids, and the same calls on the same state the same.
 */
export function sequentialIds(prefix: string, taken: (id: string) => boolean = () => false): IdSource {
  const counters = new Map<string, number>();
  return {
    next(kind) {
      for (;;) {
        const n = (counters.get(kind) ?? 0) + 1;
        counters.set(kind, n);
        const id = `${prefix}-${kind}-${String(n).padStart(6, '0')}`;
        if (!taken(id)) return id;
      }
    },
  };
}

/** Random UUIDs (Web Crypto, present in Node 20, browsers and extension workers). */
export const randomIds = (): IdSource => ({ next: () => globalThis.crypto.randomUUID() });
