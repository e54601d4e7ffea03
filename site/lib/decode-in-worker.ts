import { Worker } from 'node:worker_threads';
import { type DecodedFolder, type FolderDecoder, readSnapshotFolder } from './load-archive.ts';

const WORKER = new URL('./decode-worker.mjs', import.meta.url);

/**
 * Decodes a snapshot folder in its own thread, so the latest and the previous snapshot decode at
 * the same time as each other and as Astro compiling the site. Should the worker fail, the folder
 * is decoded again here, which reports the error as core words it (file, line, field).
 */
export const decodeInWorker: FolderDecoder = (folder) =>
  new Promise<DecodedFolder>((done) => {
    const worker = new Worker(WORKER, { workerData: { folder } });
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      done(readSnapshotFolder(folder));
    };
    worker.once(
      'message',
      (m: { at: DecodedFolder['at']; state: DecodedFolder['state']; files: [string, Uint8Array][] }) => {
        settled = true;
        done({ at: m.at, state: m.state, files: new Map(m.files) });
        void worker.terminate();
      },
    );
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
