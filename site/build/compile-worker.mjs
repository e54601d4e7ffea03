// Runs Astro's build in a process of its own (see compile-site.ts). Plain JavaScript and started
// without a TypeScript loader (tests and benchmarks build from TypeScript), whose hooks would
// answer every one of the thousands of module loads of Astro, Vite and Rollup through another
// thread (about 5 s of a 14 s compile).
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'astro';

// A compilation nobody waits for any more (the command line stopped) ends with its channel.
process.once('disconnect', () => process.exit(1));

// Loaded before the build's options are known (compile-site.ts): they come as the one message.
const { shared, ...options } = await new Promise((resolve) => process.once('message', resolve));

// Imports the pages keep instead of Rollup compiling the code again on every compilation:
// - a relative import of a file the shared code bundles (shared-code.ts) becomes an import of the
//   bundled module by its file URL (Rollup would write a path relative to the page's source, not
//   to the compiled page; the cache key covers the repository's place, compile-site.ts);
// - Astro's runtime (its App, and the helpers every compiled .astro file calls) stays an import of
//   the installed package: the renderer only ever runs beside node_modules. About half a second
//   of Rollup each; the rendered site is the same, byte for byte.
const ASTRO_RUNTIME = /^astro\/(app|compiler-runtime)$/;

const importsKept = {
  name: 'remdesk-imports-kept',
  enforce: 'pre',
  resolveId(id, importer) {
    if (ASTRO_RUNTIME.test(id)) return { id, external: true };
    if (!importer || !id.startsWith('.')) return null;
    const bundled = shared[resolve(dirname(importer.split('?')[0]), id)];
    return bundled ? { id: pathToFileURL(bundled).href, external: true } : null;
  },
};

// Exits once the answer is sent: Vite's esbuild service would keep the process waiting.
const answer = (message, code) => process.send(message, () => process.exit(code));
try {
  await build({ ...options, vite: { plugins: [importsKept] } });
  answer({ ok: true }, 0);
} catch (error) {
  answer({ ok: false, message: String(error?.stack ?? error) }, 1);
}
