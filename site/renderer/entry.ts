// The compiled site's entry (see adapter.mjs). Astro runs an adapter entry's `start` when the
// module loads: site/build/render-site.ts loads this module as a worker thread, which then renders.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SSRManifest } from 'astro';
import { App } from 'astro/app';
import { isRendererSetup } from './messages.ts';
import { runRenderer } from './render-worker.ts';

export function start(manifest: SSRManifest): void {
  if (isMainThread || parentPort === null || !isRendererSetup(workerData)) return;
  // Not streamed: a page is written whole, so it is rendered whole.
  void runRenderer(new App(manifest, false), manifest.base, workerData, parentPort);
}
