/**
 * Imports run in the worker, never in a page: the file waits in the staging database, the worker
 * reads, parses, merges (core's applyImport) and writes it, and reports progress per phase in
 * storage.local (`importJob`), which the popup and the portal overlays watch.
 *
 * An import commits whole or changes nothing. Every file is read and checked before anything is
 * written: a bad file, or an exposure export that is not whole, fails the import with nothing
 * changed. Then one IndexedDB transaction writes it: a snapshot into empty data, the state it makes
 * with the rest merged on top (`replaceState`); otherwise the merged changes in order
 * (`commitAll`): change bundles and snapshots of other admins by the merge rules (R-MERGE-*),
 * vendor files by applyImport. A failed write or a worker stopped mid-way aborts it. A team state
 * is not imported here: loading one keeps the admin's pending changes (team-state.ts).
 */
import browser from 'webextension-polyfill';
import {
  applyChanges,
  applyImport,
  applyRetention,
  type BundleInput,
  type ChangeSet,
  decodeChangeBundle,
  decodeSnapshot,
  expireExceptions,
  exportPartLines,
  FILE_KIND_HEAD,
  fileKindOf,
  instantFromDate,
  mergeBundles,
  pictureTimeProblem,
  randomIds,
  type State,
  snapshotJoining,
  TEAM_STATE_FILE,
  unzipSnapshot,
  VendorImport,
  wholeFileTooLarge,
} from '../../core/index.ts';
import { IMPORT_JOB_KEY, type ImportJob } from '../shared/messages.ts';
import { dropStaged, readStaged, type StagedFile } from '../shared/staging.ts';
import { commitAll, currentState, replaceAll, rowsIn } from './data.ts';
import { teamArchive } from './team-state.ts';

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

/** The chunks of a stream, as they arrive; a reader that stops early cancels the stream. */
async function* chunksOf<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** How much of a gzip part is handed to the inflater at a time: what one step may inflate is bounded by it. */
const SLICE_BYTES = 64 * 1024;

/**
 * A blob's bytes in slices, each read when the reader pulls it; `onRead` gets the bytes read so
 * far. A browser's DecompressionStream takes a slice only once the output of the one before is
 * read, so this counts what has been inflated, not a buffer read far ahead.
 */
function slicesOf(blob: Blob, onRead: (bytes: number) => void): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = 0;
  return new ReadableStream(
    {
      async pull(out) {
        if (at >= blob.size) return out.close();
        const slice = new Uint8Array(await blob.slice(at, at + SLICE_BYTES).arrayBuffer());
        at += slice.length;
        onRead(at);
        out.enqueue(slice);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The lines of a gzip export part, inflated by the browser and read within core's bounds
 * (`exportPartLines`): damaged gzip, a bomb, an over-long line or invalid UTF-8 fails the import
 * with the file and line named.
 */
export function gzipLinesOf(blob: Blob, file: string): AsyncGenerator<string, void, undefined> {
  let compressed = 0;
  const inflated = slicesOf(blob, (n) => {
    compressed = n;
  }).pipeThrough(new DecompressionStream('gzip'));
  return exportPartLines(
    {
      inflated: chunksOf(inflated),
      compressedRead: () => compressed,
      // What the inflater or the staged blob fails with is the file's fault either way: data that
      // does not inflate (cut short, damaged, junk after the end), or a file that cannot be read.
      describeFault: (e) => (e instanceof Error ? e.message : String(e)),
    },
    file,
  );
}

/** One file of an import, waiting in the staging database. */
export interface StagedRef {
  readonly stagingId: string;
  readonly fileName: string;
}

/**
 * Starts the import of files chosen together and answers at once; the caller follows `importJob`
 * in storage. Files chosen together are one import: the pages and parts of an exposure export are
 * one picture (core's VendorImport), refused when not whole unless `partial`.
 */
export async function startImport(files: readonly StagedRef[], partial: boolean): Promise<{ jobId: string }> {
  const jobId = crypto.randomUUID();
  const fileName = files.map((f) => f.fileName).join(', ');
  await report({ jobId, fileName, phase: 'reading', done: 0, total: 0, message: '' });
  void runImport(jobId, files, partial);
  return { jobId };
}

async function runImport(jobId: string, files: readonly StagedRef[], partial: boolean): Promise<void> {
  const base = { jobId, fileName: files.map((f) => f.fileName).join(', ') };
  const timings = { parse: 0, merge: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof timings): void => {
    const t = performance.now();
    timings[phase] += Math.round(t - mark);
    mark = t;
  };
  try {
    const staged: StagedFile[] = [];
    for (const f of files) {
      const one = await readStaged(f.stagingId);
      if (!one) throw new Error('the file to import is gone (the worker was restarted); choose it again');
      staged.push(one);
    }
    const total = staged.reduce((n, f) => n + f.blob.size, 0);
    await report({ ...base, phase: 'parsing', done: 0, total, message: '' });
    // Every file is read and checked before anything is written.
    const vendor = new VendorImport();
    let snapshot: { state: State; file: string } | null = null;
    const bundles: BundleInput[] = [];
    let vendorFiles = 0;
    for (const [i, file] of staged.entries()) {
      const name = files[i]?.fileName ?? file.name;
      const kind = fileKindOf(new Uint8Array(await file.blob.slice(0, FILE_KIND_HEAD).arrayBuffer()));
      // Everything but a gzip part is read whole.
      const tooLarge = kind === 'gzip' ? null : wholeFileTooLarge(name, file.blob.size);
      if (tooLarge) throw tooLarge;
      if (kind === 'zip') {
        const zipped = unzipSnapshot(new Uint8Array(await file.blob.arrayBuffer()), name);
        if (zipped.has(TEAM_STATE_FILE))
          throw new Error(
            `${name} is a team state: load it with "Load the team state", which keeps your changes`,
          );
        snapshot = { state: (await decodeSnapshot(zipped, name)).state, file: name };
        continue;
      }
      if (kind === 'bundle') {
        bundles.push({ file: name, bundle: await decodeChangeBundle(await file.blob.text(), name) });
        continue;
      }
      vendorFiles++;
      if (kind === 'gzip') await vendor.addLines(gzipLinesOf(file.blob, name), name);
      else vendor.addJson(await file.blob.text(), name);
    }
    const { entries, notes } = vendorFiles > 0 ? vendor.finish(partial) : { entries: [], notes: [] };
    lap('parse');
    await report({ ...base, phase: 'merging', done: 0, total: 0, message: '' });
    const now = instantFromDate(new Date());
    let state = await currentState();
    const all: ChangeSet[] = [];
    const apply = (changes: ChangeSet) => {
      state = applyChanges(state, changes);
      all.push(changes);
      notes.push(...(changes.notes ?? []));
    };
    // Another admin's work never replaces this one's (R-MERGE-1).
    const joining = snapshot === null ? null : snapshotJoining(state, snapshot.state, snapshot.file, now);
    const seeded = joining?.kind === 'seed';
    if (joining?.kind === 'seed') state = joining.state;
    else if (joining?.kind === 'merge') {
      notes.push(joining.note);
      bundles.unshift(...joining.inputs);
    }
    if (bundles.length > 0)
      apply(mergeBundles(state, bundles, { archive: await teamArchive(), now }).changes);
    const ids = randomIds();
    for (const { batch, files: names } of entries) {
      // R-DONE-1: an export older than what the store has seen is refused, as on the command line.
      const stale = pictureTimeProblem(state, batch);
      if (stale) throw new Error(`${names.join(', ')}: ${stale}`);
      notes.push(...batch.warnings.map((w) => `${w.file}: ${w.message}`));
      apply(applyImport(state, batch, now, ids));
    }
    // The time-driven rules on every import, as the command line runs them: expiry (R-EXC-4) and
    // the team's retention (R-RET-1), so the browser's data never differs from the archive's.
    apply(expireExceptions(state, now));
    apply(applyRetention(state, now));
    lap('merge');
    const merged = state;
    await whileReporting(
      // One transaction either way: a snapshot that seeds the data, with what is merged on top,
      // replaces it (there is nothing to lose); otherwise the changes commit in order.
      seeded ? () => replaceAll(merged) : () => commitAll(all),
      () =>
        report({
          ...base,
          phase: 'writing',
          done: 0,
          total: seeded ? 1 : all.reduce((n, c) => n + rowsIn(c), 0),
          message: '',
        }),
    );
    lap('write');
    await report({ ...base, phase: 'done', done: 1, total: 1, message: notes.join('\n'), timings });
  } catch (e) {
    console.error('remdesk: import failed', e);
    await report({ ...base, phase: 'failed', done: 0, total: 0, message: (e as Error).message });
  } finally {
    for (const f of files) await dropStaged(f.stagingId).catch(() => undefined);
  }
}
