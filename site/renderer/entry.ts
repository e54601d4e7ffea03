// The compiled pages' entry (see adapter.mjs). A rendering thread (thread.ts) imports this module
// once the pages are compiled and renders every address it is given with this `app`.
import type { SSRManifest } from 'astro';
import { App } from 'astro/app';

export function createExports(manifest: SSRManifest): { app: App } {
  // Not streamed: a page is written whole, so it is rendered whole.
  return { app: new App(manifest, false) };
}
