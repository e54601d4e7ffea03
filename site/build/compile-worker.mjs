// Runs Astro's build in its own thread (see compile-site.ts). Plain JavaScript and started without
// the command line's TypeScript loader, whose hooks would answer every one of the thousands of
// module loads of Astro, Vite and Rollup through another thread (about 5 s of a 14 s compile).
import { parentPort, workerData } from 'node:worker_threads';
import { build } from 'astro';

try {
  await build(workerData);
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error?.stack ?? error) });
}
