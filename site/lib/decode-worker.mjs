// Decodes one snapshot folder in a worker thread (see decode-in-worker.ts). Plain JavaScript, as a
// worker starts without the TypeScript loader its parent registered.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readSnapshotFolder } = await import('./load-archive.ts');
const { at, state, files } = await readSnapshotFolder(workerData.folder);
const buffers = [...files.values()].map((bytes) => bytes.buffer);
parentPort?.postMessage({ at, state, files: [...files] }, buffers);
