/**
 * The import job against core's real store (fake-indexeddb) with an in-memory storage.local: an
 * import commits whole or changes nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bulkExposuresJson,
  exposuresJson,
  RECOMMENDATIONS,
  recommendationsJson,
} from '../../test/fixtures/portal/sample-data.ts';
import type { ImportJob } from '../shared/messages.ts';

const local = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: local.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) local.set(k, v);
        },
      },
    },
  },
}));

const { startImport } = await import('./import-job.ts');
const { theStore } = await import('./data.ts');
const { stageFile } = await import('../shared/staging.ts');

async function importText(fileName: string, text: string): Promise<ImportJob> {
  const stagingId = await stageFile(fileName, new Blob([text]));
  const { jobId } = await startImport([{ stagingId, fileName }], false);
  for (;;) {
    const job = local.get('importJob') as ImportJob | undefined;
    if (job?.jobId === jobId && (job.phase === 'done' || job.phase === 'failed')) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const loadState = async () => (await theStore()).loadState();
const bulk = bulkExposuresJson(30_000, new Date(Date.now() - 3_600_000));

describe('import job', () => {
  beforeAll(async () => {
    const recs = await importText(
      'recommendations.json',
      recommendationsJson([...RECOMMENDATIONS, ...bulk.recs]),
    );
    expect(recs.phase).toBe('done');
    const first = await importText(
      'exposures-1.json',
      exposuresJson({ seenAt: new Date(Date.now() - 86_400_000) }),
    );
    expect(first.phase).toBe('done');
  }, 60_000);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a file whose second half is invalid fails and leaves the stored data as it was', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const parsed = JSON.parse(bulk.json) as { value: Record<string, unknown>[] };
    for (const row of parsed.value.slice(parsed.value.length / 2)) row.lastSeenTimestamp = 'not a time';
    const job = await importText('exposures-bad.json', JSON.stringify(parsed));
    expect(job.phase).toBe('failed');
    expect(job.message).not.toBe('');
    expect(await loadState()).toEqual(before);
  }, 60_000);

  it('a write that fails after 25,000 of 30,000 rows (the worker stopped mid-way) changes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const put = IDBObjectStore.prototype.put;
    let exposurePuts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'exposures' && ++exposurePuts > 25_000) throw new Error('worker stopped');
      return put.apply(this, args);
    });
    const job = await importText('exposures-big.json', bulk.json);
    expect(exposurePuts).toBeGreaterThan(25_000);
    expect(job.phase).toBe('failed');
    vi.restoreAllMocks();
    const after = await loadState();
    expect(after.exposures).toHaveLength(before.exposures.length);
    expect(after).toEqual(before);
  }, 120_000);

  it('the same file without the failure lands whole', async () => {
    const job = await importText('exposures-big.json', bulk.json);
    expect(job.phase).toBe('done');
    expect((await loadState()).exposures).toHaveLength(30_000);
  }, 120_000);
});
