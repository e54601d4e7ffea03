/**
 * The worker's access to core's store. The store (IndexedDB, through Dexie) is the only truth: the
 * worker may be stopped at any moment, so the in-memory State below is just a cache of it, tagged
 * with the data version it was read at and dropped whenever that version moves.
 */
import browser from 'webextension-polyfill';
import { applyChanges, type ChangeSet, type State } from '../../core/index.ts';
import { DEFAULT_STORE_NAME, openStore, type RemdeskStore } from '../../core/store/index.ts';
import { DATA_VERSION_KEY } from '../shared/messages.ts';

let store: Promise<RemdeskStore> | null = null;
let cache: { version: number; state: State } | null = null;

export function theStore(): Promise<RemdeskStore> {
  store ??= openStore({ name: DEFAULT_STORE_NAME });
  return store;
}

export async function dataVersion(): Promise<number> {
  const got = await browser.storage.local.get(DATA_VERSION_KEY);
  const v = got[DATA_VERSION_KEY];
  return typeof v === 'number' ? v : 0;
}

export async function currentState(): Promise<State> {
  const version = await dataVersion();
  if (cache?.version === version) return cache.state;
  const state = await (await theStore()).loadState();
  cache = { version, state };
  await saveSummary(version, state);
  return state;
}

/**
 * The small tables the list views read (dashboard, activities, exceptions), kept in the store's
 * meta and tagged with the data version, so that a cold worker answers them without loading
 * hundreds of thousands of exposure rows.
 */
const SUMMARY_KEY = 'extension.summary';
type SummaryTables = 'recommendations' | 'activities' | 'tasks' | 'exceptions';
interface Summary extends Pick<State, SummaryTables> {
  readonly version: number;
}

async function saveSummary(version: number, state: State): Promise<void> {
  const { recommendations, activities, tasks, exceptions } = state;
  const summary: Summary = { version, recommendations, activities, tasks, exceptions };
  await (await theStore()).setMeta(SUMMARY_KEY, summary);
}

/**
 * A State holding only the summary's tables (exposures, devices, activity devices and history are
 * empty): for views that read nothing else. Served from the cache when warm, else from the summary.
 */
export async function listState(): Promise<State> {
  const version = await dataVersion();
  if (cache?.version === version) return cache.state;
  const summary = await (await theStore()).getMeta<Summary>(SUMMARY_KEY);
  if (summary?.version !== version) return currentState();
  const { recommendations, activities, tasks, exceptions } = summary;
  return {
    recommendations,
    activities,
    tasks,
    exceptions,
    exposures: [],
    devices: [],
    activityDevices: [],
    events: [],
  };
}

/**
 * Tell every open overlay and page that the data changed (they watch storage.onChanged). After a
 * successful write the cache moves along with the store (core's applyChanges has the store's
 * semantics), so the next request does not reload everything; after a failed one it is dropped.
 */
async function bump(next: ((s: State) => State) | null): Promise<void> {
  const version = await dataVersion();
  cache = next && cache?.version === version ? { version: version + 1, state: next(cache.state) } : null;
  // The summary first: a reader that sees the new version finds it (or, failing that, loads all).
  if (cache) await saveSummary(cache.version, cache.state).catch(() => undefined);
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

/** ChangeSets in order, in one transaction: all land or none (an import of several files). */
export const commitAll = (sets: readonly ChangeSet[]): Promise<void> =>
  written(
    async () => (await theStore()).commitAll(sets),
    (s) => sets.reduce(applyChanges, s),
  );

/** Replace the data, and set `meta` entries in the same transaction. */
export const replaceAll = (state: State, meta?: Readonly<Record<string, unknown>>): Promise<void> =>
  written(
    async () => (await theStore()).replaceState(state, [], meta),
    () => state,
  );

/** Rows a ChangeSet puts: what the import job reports while its one transaction runs. */
export const rowsIn = (cs: ChangeSet): number =>
  Object.values(cs.put ?? {}).reduce((n, rows) => n + (rows as readonly unknown[]).length, 0);
