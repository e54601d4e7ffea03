import { Dexie } from 'dexie';
import { declareSchema, type SchemaVersion } from '../../../core/store/index.ts';

/** Where the databases live: the browser's IndexedDB, or fake-indexeddb in tests. */
export interface IdbDeps {
  readonly indexedDB: IDBFactory;
  readonly IDBKeyRange: typeof IDBKeyRange;
}

/** Raw stored rows per table, exactly as IndexedDB holds them (derived index fields included). */
export type TableRows = Readonly<Record<string, readonly unknown[]>>;

export interface UpgradeCase {
  readonly name: string;
  readonly deps: IdbDeps;
  /** The whole schema list, as the new code declares it. */
  readonly versions: readonly SchemaVersion[];
  /** The old version to seed at: the database is created with the entries up to this one only. */
  readonly from: number;
  readonly seed: TableRows;
}

export interface UpgradeResult {
  /** The version the database reports after reopening. */
  readonly version: number;
  /** Every row of every table after the upgrade, in primary-key order. */
  readonly rows: TableRows;
}

/**
 * Create a database as an older release would have (schema entries up to `from`), write `seed`, close
 * it, then reopen it with the full schema list, which runs every upgrade after `from`, and read every
 * row back. Compare the result with `rowDifferences`.
 */
export async function upgradeFrom(c: UpgradeCase): Promise<UpgradeResult> {
  const old = c.versions.filter((v) => v.version <= c.from);
  if (old.length === 0) throw new Error(`no schema entry at or below version ${c.from}`);
  const before = new Dexie(c.name, c.deps);
  declareSchema(before, old);
  await before.open();
  await before.transaction('rw', Object.keys(c.seed), async () => {
    for (const [table, rows] of Object.entries(c.seed)) await before.table(table).bulkAdd([...rows]);
  });
  before.close();

  const after = new Dexie(c.name, c.deps);
  declareSchema(after, c.versions);
  await after.open();
  try {
    const rows: Record<string, unknown[]> = {};
    for (const table of after.tables) rows[table.name] = await table.toArray();
    return { version: after.verno, rows };
  } finally {
    after.close();
  }
}

/**
 * Every row compared, table by table, position by position (both sides in primary-key order).
 * Returns one line per difference; empty when the tables match exactly.
 */
export function rowDifferences(expected: TableRows, actual: TableRows): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const want = expected[table] ?? [];
    const got = actual[table] ?? [];
    if (want.length !== got.length) out.push(`${table}: expected ${want.length} rows, found ${got.length}`);
    const n = Math.min(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const w = stableJson(want[i]);
      const g = stableJson(got[i]);
      if (w !== g) out.push(`${table}[${i}]: expected ${w}, found ${g}`);
    }
  }
  return out;
}

/** JSON with object keys sorted, so field order does not count as a difference. */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
