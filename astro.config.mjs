// The report site (issue 4). `remdesk report` builds it programmatically with the same config,
// overriding `base` and `outDir`; the data path reaches the pages through REMDESK_DATA.
// No UI framework integration: the site has no island (its scripts are plain), and @astrojs/react
// alone added a React client bundle and renderer to every build (about 12 s of a 5,000-device build).
import { defineConfig } from 'astro/config';

export default defineConfig({
  root: '.',
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site',
  // Links are written with a trailing slash; 'ignore' keeps both forms working on any static host.
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The site is static and offline: no telemetry, no dev toolbar, no prefetch of other origins.
  devToolbar: { enabled: false },
});
