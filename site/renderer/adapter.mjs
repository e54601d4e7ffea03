// The Astro adapter behind `remdesk report`. The site is static, but Astro's own static build
// compiles the pages again on every build, data and all. With this adapter Astro compiles them
// once into a renderer (./entry.ts, which exports Astro's `app`), which site/build/ caches and
// worker threads (./thread.ts) render every address of the archive being built with: a new
// snapshot costs the rendering, not the compilation (docs/site.md).
import { fileURLToPath } from 'node:url';

const NAME = 'remdesk-page-renderer';

export function pageRenderer() {
  return {
    name: NAME,
    hooks: {
      'astro:config:done': ({ setAdapter }) =>
        setAdapter({
          name: NAME,
          serverEntrypoint: fileURLToPath(new URL('./entry.ts', import.meta.url)),
          exports: ['app'],
          adapterFeatures: { buildOutput: 'server' },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable' },
        }),
    },
  };
}
