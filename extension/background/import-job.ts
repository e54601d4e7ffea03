/**
 * Imports run in the worker, never in a page: the file waits in the staging database, the worker
 * reads, parses, merges (core's applyImport) and writes it, and reports progress per phase in
 * storage.local (`importJob`), which the popup and the portal overlays watch.
 *
 * An import commits whole or changes nothing: everything it writes goes through one `store.commit`
 * (or `replaceState` for a snapshot), which is one IndexedDB transaction. A bad file fails before
 * the write; a failed write or a worker stopped mid-way aborts the transaction.
 */
import browser from 'webextension-polyfill';
import {
  applyImport,
  decodeSnapshot,
  instantFromDate,
  parseVendorJson,
  parseVulnerabilityLines,
  randomIds,
  unzipSnapshot,
  type VendorBatch,
} from '../../core/index.ts';
import { IMPORT_JOB_KEY, type ImportJob } from '../shared/messages.ts';
import { dropStaged, readStaged } from '../shared/staging.ts';
import { commit, currentState, replaceAll, rowsIn } from './data.ts';

async function report(job: Omit<ImportJob, 'updatedAt'>): Promise<void> {
  await browser.storage.local.set({ [IMPORT_JOB_KEY]: { ...job, updatedAt: new Date().toISOString() } });
}

/** Chrome stops a worker after 30 s without an extension API call; a big write can take longer. */
const HEARTBEAT_MS = 10_000;

/**
 * Runs the one write while re-reporting the phase now and then, outside the transaction and never
 * awaited by it: awaiting anything but IndexedDB inside a Dexie transaction would commit it early.
 */
async function whileReporting(write: () => Promise<void>, beat: () => Promise<void>): Promise<void> {
  await beat();
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  try {
    await write();
  } finally {
    clearInterval(timer);
  }
}

/** What kind of file this is, from its name: the popup accepts these three. */
export type ImportKind = 'snapshot' | 'vendorLines' | 'vendorJson';
export function importKind(fileName: string): ImportKind {
  const name = fileName.toLowerCase();
  if (name.endsWith('.zip')) return 'snapshot';
  if (name.endsWith('.gz')) return 'vendorLines';
  return 'vendorJson';
}

/** The lines of a stream of text, as they arrive. */
export async function* linesOf(text: ReadableStream<string>): AsyncGenerator<string> {
  const reader = text.getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const parts = (rest + value).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest !== '') yield rest;
}

/** Starts the import and answers at once; the caller follows `importJob` in storage. */
export async function startImport(stagingId: string, fileName: string): Promise<{ jobId: string }> {
  const jobId = crypto.randomUUID();
  await report({ jobId, fileName, phase: 'reading', done: 0, total: 0, message: '' });
  void runImport(jobId, stagingId, fileName);
  return { jobId };
}

async function runImport(jobId: string, stagingId: string, fileName: string): Promise<void> {
  const base = { jobId, fileName };
  const timings = { parse: 0, merge: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof timings): void => {
    const t = performance.now();
    timings[phase] += Math.round(t - mark);
    mark = t;
  };
  try {
    const staged = await readStaged(stagingId);
    if (!staged) throw new Error('the file to import is gone (the worker was restarted); choose it again');
    const kind = importKind(fileName);
    await report({ ...base, phase: 'parsing', done: 0, total: staged.blob.size, message: '' });
    if (kind === 'snapshot') {
      const files = unzipSnapshot(new Uint8Array(await staged.blob.arrayBuffer()), fileName);
      const { state } = await decodeSnapshot(files, fileName);
      lap('parse');
      await whileReporting(
        () => replaceAll(state),
        () => report({ ...base, phase: 'writing', done: 0, total: 1, message: '' }),
      );
      lap('write');
    } else {
      const batch: VendorBatch =
        kind === 'vendorLines'
          ? await parseVulnerabilityLines(
              linesOf(
                staged.blob
                  .stream()
                  .pipeThrough(new DecompressionStream('gzip'))
                  .pipeThrough(new TextDecoderStream()),
              ),
              fileName,
            )
          : parseVendorJson(await staged.blob.text(), fileName);
      lap('parse');
      await report({ ...base, phase: 'merging', done: 0, total: 0, message: '' });
      const changes = applyImport(await currentState(), batch, instantFromDate(new Date()), randomIds());
      lap('merge');
      await whileReporting(
        () => commit(changes),
        () => report({ ...base, phase: 'writing', done: 0, total: rowsIn(changes), message: '' }),
      );
      lap('write');
    }
    await report({ ...base, phase: 'done', done: 1, total: 1, message: '', timings });
  } catch (e) {
    console.error('remdesk: import failed', e);
    await report({ ...base, phase: 'failed', done: 0, total: 0, message: (e as Error).message });
  } finally {
    await dropStaged(stagingId).catch(() => undefined);
  }
}
