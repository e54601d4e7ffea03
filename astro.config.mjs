// The report site (issue 4). Astro compiles the pages into a renderer (site/renderer/) that
// `remdesk report` caches and calls for every address of an archive; it overrides `base` and
// `outDir`, and what a rendering thread read of the archive reaches the pages as Astro's `locals`
// (site/lib/page-data.ts, docs/site.md).
// One React island, the explorer (site/components/explorer/, docs/site.md): its JSX alone goes
// through React's plugin, and only the page that hydrates it loads React; every other page's
// enhancements stay plain scripts (site/scripts/, docs/decisions/0002-plain-scripts-bundled-by-esbuild.md).
import react from '@astrojs/react';
import { defineConfig, passthroughImageService } from 'astro/config';
import { pageRenderer } from './site/renderer/adapter.mjs';

export default defineConfig({
  root: '.',
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site-renderer',
  output: 'server',
  adapter: pageRenderer(),
  integrations: [react({ include: ['**/site/components/explorer/**'] })],
  // The site has no images: no image service to bundle.
  image: { service: passthroughImageService() },
  // Links are written with a trailing slash; 'ignore' keeps both forms working on any static host.
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'never' },
  // The site is static and offline: no telemetry, no dev toolbar, no prefetch of other origins.
  devToolbar: { enabled: false },
});
