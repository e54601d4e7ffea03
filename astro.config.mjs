// The report site (issue 4). Astro compiles the pages into a renderer (site/renderer/) that
// `remdesk report` caches and calls for every address of an archive; it overrides `base` and
// `outDir`, and what a rendering thread read of the archive reaches the pages as Astro's `locals`
// (site/lib/page-data.ts, docs/site.md).
// No UI framework integration: the site has no island (its scripts are plain), and @astrojs/react
// alone added a React client bundle and renderer to every build (docs/site.md).
import { defineConfig, passthroughImageService } from 'astro/config';
import { pageRenderer } from './site/renderer/adapter.mjs';

export default defineConfig({
  root: '.',
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site-renderer',
  output: 'server',
  adapter: pageRenderer(),
  // The site has no images: no image service to bundle.
  image: { service: passthroughImageService() },
  // Links are written with a trailing slash; 'ignore' keeps both forms working on any static host.
  trailingSlash: 'ignore',
  build: { inlineStylesheets: 'never' },
  // The site is static and offline: no telemetry, no dev toolbar, no prefetch of other origins.
  devToolbar: { enabled: false },
});
