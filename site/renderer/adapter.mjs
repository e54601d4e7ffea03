// The Astro adapter behind `remdesk report`. The site is static, but Astro's own static build
// compiles the pages again on every build, data and all. With this adapter Astro compiles them
// once into a renderer whose entry is the rendering threads' own module (./thread.ts): it makes
// Astro's `App` with `createApp()` and renders every address of the archive being built through
// `App.render`. site/build/ keeps the compiled renderer; a new snapshot costs the rendering, not
// the compilation (docs/site.md, docs/decisions/0001-compile-once-render-in-threads.md).
import { fileURLToPath } from 'node:url';

const NAME = 'remdesk-page-renderer';

export function pageRenderer() {
  return {
    name: NAME,
    hooks: {
      'astro:config:done': ({ setAdapter }) =>
        setAdapter({
          name: NAME,
          // Astro 6's adapter API: the entry is an ordinary module that imports its App.
          entrypointResolution: 'auto',
          serverEntrypoint: fileURLToPath(new URL('./thread.ts', import.meta.url)),
          adapterFeatures: { buildOutput: 'server' },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable' },
        }),
    },
  };
}
