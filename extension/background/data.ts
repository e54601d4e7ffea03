/**
 * The worker's access to core's store. The store (IndexedDB, through Dexie) is the only truth: the
 * worker may be stopped at any moment, so the in-memory State below is just a cache of it, tagged
 * with the data version it was read at and dropped whenever that version moves.
 */
import browser from 'webextension-polyfill';
import { applyChanges, type ChangeSet, openStore, type RemdeskStore, type State } from '../../core/index.ts';
import { DATA_VERSION_KEY } from '../shared/messages.ts';

let store: Promise<RemdeskStore> | null = null;
let cache: { version: number; state: State } | null = null;

export function theStore(): Promise<RemdeskStore> {
  store ??= openStore({ name: 'remdesk' });
  return store;
}

async function dataVersion(): Promise<number> {
  const got = await browser.storage.local.get(DATA_VERSION_KEY);
  const v = got[DATA_VERSION_KEY];
  return typeof v === 'number' ? v : 0;
}

export async function currentState(): Promise<State> {
  const version = await dataVersion();
  if (cache?.version === version) return cache.state;
  const state = await (await theStore()).loadState();
  cache = { version, state };
  return state;
}

/**
 * Tell every open overlay and page that the data changed (they watch storage.onChanged). After a
 * successful write the cache moves along with the store (core's applyChanges has the store's
 * semantics), so the next request does not reload everything; after a failed one it is dropped.
 */
async function bump(next: ((s: State) => State) | null): Promise<void> {
  const version = await dataVersion();
  cache = next && cache?.version === version ? { version: version + 1, state: next(cache.state) } : null;
  await browser.storage.local.set({ [DATA_VERSION_KEY]: version + 1 });
}

async function written(write: () => Promise<void>, next: (s: State) => State): Promise<void> {
  let ok = false;
  try {
    await write();
    ok = true;
  } finally {
    await bump(ok ? next : null);
  }
}

export const commit = (cs: ChangeSet): Promise<void> =>
  written(
    async () => (await theStore()).commit(cs),
    (s) => applyChanges(s, cs),
  );

export const replaceAll = (state: State): Promise<void> =>
  written(
    async () => (await theStore()).replaceState(state),
    () => state,
  );

type Puts = NonNullable<ChangeSet['put']>;
const BIG: readonly (keyof Puts)[] = ['exposures', 'devices', 'activityDevices'];

/**
 * A full export can put hundreds of thousands of rows. One transaction of that size gives no
 * progress and keeps the worker busy without a sign of life, so the large tables go in slices after
 * a first commit holding everything else (deletes, replaceAllExposures, events). A worker stopped
 * between slices leaves the import incomplete; the import job then shows as interrupted.
 */
export function sliceChangeSet(cs: ChangeSet, size: number): ChangeSet[] {
  const first: Record<string, unknown> = {};
  const slices: ChangeSet[] = [];
  for (const [table, rows] of Object.entries(cs.put ?? {}) as [keyof Puts, readonly unknown[]][]) {
    if (!BIG.includes(table) || rows.length <= size) {
      first[table] = rows;
      continue;
    }
    first[table] = rows.slice(0, size);
    for (let i = size; i < rows.length; i += size) {
      slices.push({ put: { [table]: rows.slice(i, i + size) }, events: [] });
    }
  }
  return [{ ...cs, put: first as Puts }, ...slices];
}

export const rowsIn = (cs: ChangeSet): number =>
  Object.values(cs.put ?? {}).reduce((n, rows) => n + (rows as readonly unknown[]).length, 0);

export async function commitWithProgress(
  cs: ChangeSet,
  onProgress: (done: number, total: number) => Promise<void>,
  size = 20_000,
): Promise<void> {
  const slices = sliceChangeSet(cs, size);
  const total = rowsIn(cs);
  let done = 0;
  await written(
    async () => {
      for (const slice of slices) {
        await (await theStore()).commit(slice);
        done += rowsIn(slice);
        await onProgress(done, total);
      }
    },
    (s) => applyChanges(s, cs),
  );
}
