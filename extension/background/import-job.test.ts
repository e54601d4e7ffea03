/**
 * The import job against core's real store (fake-indexeddb) with an in-memory storage.local: an
 * import commits whole or changes nothing.
 */
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  encodeChangeBundle,
  encodeSnapshot,
  instant,
  instantFromDate,
  zipSnapshot,
} from '../../core/index.ts';
import {
  bulkExposureRows,
  exposureExport,
  RECOMMENDATIONS,
  recommendationsJson,
  type SampleFile,
  viaFiles,
} from '../../test/fixtures/portal/sample-data.ts';
import { AdminSession } from '../../test/support/core/admin-session.ts';
import { tracked } from '../../test/support/core/builders.ts';
import { oneGzipMember } from '../../test/support/one-gzip-member.ts';
import type { ImportJob } from '../shared/messages.ts';

const NOW = instant('2026-12-06T08:00:00Z');

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
const { commit, theStore } = await import('./data.ts');
const { stageFile } = await import('../shared/staging.ts');

/** Files chosen together in the popup: one import. */
async function importFiles(files: readonly SampleFile[], partial = false): Promise<ImportJob> {
  const staged = [];
  for (const f of files)
    staged.push({ stagingId: await stageFile(f.name, new Blob([f.content as BlobPart])), fileName: f.name });
  const { jobId } = await startImport(staged, partial);
  for (;;) {
    const job = local.get('importJob') as ImportJob | undefined;
    if (job?.jobId === jobId && (job.phase === 'done' || job.phase === 'failed')) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const loadState = async () => (await theStore()).loadState();
const importText = (name: string, content: string) => importFiles([{ name, content }]);
const hourAgo = new Date(Date.now() - 3_600_000);
const bulk = bulkExposureRows(30_000, hourAgo);

describe('import job', () => {
  beforeAll(async () => {
    const recs = await importText(
      'recommendations.json',
      recommendationsJson([...RECOMMENDATIONS, ...bulk.recs]),
    );
    expect(recs.phase).toBe('done');
    const first = await importFiles(exposureExport('e1', { seenAt: new Date(Date.now() - 86_400_000) }));
    expect(first.phase).toBe('done');
  }, 60_000);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a file whose second half is invalid fails and leaves the stored data as it was', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const rows = bulk.rows.map((r, i) =>
      i < bulk.rows.length / 2 ? r : { ...r, lastSeenTimestamp: 'not a time' },
    );
    const job = await importFiles(viaFiles(rows, 'bad', hourAgo));
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
    const job = await importFiles(viaFiles(bulk.rows, 'big', hourAgo));
    expect(exposurePuts).toBeGreaterThan(25_000);
    expect(job.phase).toBe('failed');
    vi.restoreAllMocks();
    const after = await loadState();
    expect(after.exposures).toHaveLength(before.exposures.length);
    expect(after).toEqual(before);
  }, 120_000);

  it('the same file without the failure lands whole', async () => {
    const job = await importFiles(viaFiles(bulk.rows, 'big', hourAgo));
    expect(job.phase).toBe('done');
    expect((await loadState()).exposures).toHaveLength(30_000);
  }, 120_000);

  it('R-DONE-1: a part without its listing fails, naming what is missing, and changes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const [, part] = exposureExport('e9', {
      seenAt: new Date(),
      fixed: new Set([RECOMMENDATIONS[0]?.id ?? '']),
    });
    const job = await importFiles([part]);
    expect(job.phase).toBe('failed');
    expect(job.message).toMatch(/the listing of the via-files export .* was not given/);
    expect(await loadState()).toEqual(before);
  });

  it('R-DONE-1: chosen as part of an export, it is merged as seen exposed and fixes nothing', async () => {
    const before = await loadState();
    const [, part] = exposureExport('e9', {
      seenAt: new Date(),
      fixed: new Set([RECOMMENDATIONS[0]?.id ?? '']),
    });
    const job = await importFiles([part], true);
    expect(job.phase).toBe('done');
    expect(job.message).toMatch(/merged as seen exposed, fixing nothing/);
    const after = await loadState();
    expect(after.activityDevices.filter((r) => r.state === 'fixed')).toHaveLength(
      before.activityDevices.filter((r) => r.state === 'fixed').length,
    );
    expect(after.exposures.length).toBeGreaterThanOrEqual(before.exposures.length);
  });

  it('a snapshot chosen with a bad vendor file: nothing is written, not even the snapshot', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const other = { ...before, exposures: [], activityDevices: [] };
    const zip = zipSnapshot(
      await encodeSnapshot(other, { generatedAt: before.events[0]?.at ?? NOW, source: 'test' }),
    );
    const job = await importFiles([
      { name: 'team.zip', content: zip },
      { name: 'bad.json', content: '{"value": [' },
    ]);
    expect(job.phase).toBe('failed');
    expect(await loadState()).toEqual(before);
  });

  it('R-MERGE-1: another admin’s change bundle joins the data; nothing already there is replaced', async () => {
    const before = await loadState();
    const rec = before.exposures[0]?.recommendationId as string;
    const alice = new AdminSession(before, 'alice@contoso.com', 'install-a');
    const id = alice.request(rec, 'all', instantFromDate(new Date()), false);
    const job = await importText(
      'alice.jsonl',
      await encodeChangeBundle(alice.bundle(instantFromDate(new Date()))),
    );
    expect(job.phase, job.message).toBe('done');
    const after = await loadState();
    expect(after.activities.map((a) => a.id)).toEqual(
      expect.arrayContaining([...before.activities.map((a) => a.id), id]),
    );
    expect(after.exposures).toEqual(before.exposures);
  });

  it('R-RET-1: every import applies the team’s retention, as the command line does', async () => {
    const old = tracked('old-completed', {
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: instant('2025-01-01T00:00:00Z') },
    });
    await commit({ put: { activities: [old] }, events: [] });
    const job = await importText(
      'recommendations.json',
      recommendationsJson([...RECOMMENDATIONS, ...bulk.recs]),
    );
    expect(job.phase, job.message).toBe('done');
    const after = await loadState();
    expect(after.activities.some((a) => a.id === old.id)).toBe(false);
    expect(after.events.some((e) => e.type === 'activity.removed' && e.activityId === old.id)).toBe(true);
  });
});

describe('import job: hostile files fail with the file named and change nothing', () => {
  /** The rows of one small export, as text, and the listing that names its part. */
  const rows = bulk.rows.slice(0, 200).map((r) => JSON.stringify(r));
  const [listing, part] = viaFiles(bulk.rows.slice(0, 200), 'hostile', hourAgo);
  const text = Buffer.from(`${rows.join('\n')}\n`);
  const gz = gzipSync(text);

  async function refused(content: Uint8Array, expected: RegExp, file = part.name): Promise<void> {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = await loadState();
    const files = file === part.name ? [listing, { name: part.name, content }] : [{ name: file, content }];
    const job = await importFiles(files);
    expect(job.phase).toBe('failed');
    expect(job.message).toContain(file);
    expect(job.message).toMatch(expected);
    expect(await loadState()).toEqual(before);
  }

  it('the part itself imports', async () => {
    const job = await importFiles([listing, part]);
    expect(job.phase, job.message).toBe('done');
  });

  it('a part cut at any length', async () => {
    await fc.assert(
      // Two bytes at least: one alone is not known for gzip (and is refused as JSON).
      fc.asyncProperty(fc.integer({ min: 2, max: gz.length - 1 }), (length) =>
        refused(gz.subarray(0, length), /not a readable gzip file/),
      ),
      { numRuns: 5 },
    );
  });

  it('a part with a byte flipped where gzip checks it', async () => {
    // Bytes 3–9 of the header carry no data and are checked by nothing (see the CLI's test).
    const checked = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 10, max: gz.length - 1 }));
    await fc.assert(
      fc.asyncProperty(checked, fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const bytes = Buffer.from(gz);
        bytes[at] = (bytes[at] as number) ^ mask;
        return refused(bytes, /./);
      }),
      { numRuns: 5 },
    );
  });

  it('a gzip bomb: 1 GiB of blank lines after the records, in one member', async () => {
    // Node's DecompressionStream, unlike a browser's, takes the whole file before its output is
    // read, so the bomb shows here only against the whole file's size (the e2e test has 4 GiB).
    const blanks = Buffer.alloc(64 * 1024 * 1024, `${' '.repeat(1023)}\n`);
    await refused(oneGzipMember(text, blanks, 16), /over 200 times its compressed size.*gzip bomb/);
  });

  it('a line of 64 MB, by its line', async () => {
    await refused(
      oneGzipMember(text, Buffer.alloc(64 * 1024 * 1024, 'x'), 1),
      new RegExp(`:${rows.length + 1}: -: the line is longer than 8,388,608 characters`),
    );
  });

  it('JSON nested 100,000 levels deep, closed or not, as a vendor file and as a line of a part', async () => {
    const deep = '['.repeat(100_000);
    for (const text of [deep, `${deep}${']'.repeat(100_000)}`]) {
      await refused(new TextEncoder().encode(text), /nested too deep|malformed JSON/, 'deep.json');
      await refused(gzipSync(`${rows[0]}\n${text}\n`), /:2: .*(nested too deep|malformed JSON)/);
    }
  }, 60_000);
});
