// The command line's TypeScript (cli/, and the core/ and site/build/ code it imports) as one
// JavaScript module, bundled by esbuild on the first run after any of its sources changed and
// kept in node_modules/.cache/remdesk-cli/. Editing the code still needs no build step; what this
// saves is a TypeScript loader answering each of some 150 module loads from another thread, about
// half a second of every command. Plain JavaScript: it runs before any TypeScript can.
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOADERS = { '.ts': 'ts', '.mjs': 'js', '.js': 'js', '.json': 'json' };
const BUNDLE_NAME = /^cli\.[0-9a-f]{16}\.mjs(\.map)?$/;

const cacheOf = (root) => join(root, 'node_modules', '.cache', 'remdesk-cli');
/** Which bundle the sources make, and what they were: their paths and the hash of their bytes. */
const inputsOf = (root) => join(cacheOf(root), 'inputs.json');

/** The hash of the sources' bytes, in the order of their paths, and of where they are. */
function hashOf(root, sources) {
  // The bundle names the sources' folders (compile-site.ts finds the repository from its own).
  const hash = createHash('sha256').update(`${root}\0`);
  for (const [file, bytes] of sources) hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  return hash.digest('hex');
}

/** The sources as they are now, or null when one is gone. Read at once: this runs on every start. */
async function sourcesNow(root, files) {
  const read = await Promise.all(files.map((file) => readFile(join(root, file)).catch(() => null)));
  return read.includes(null) ? null : files.map((file, i) => [file, read[i]]);
}

/** The bundle `last` names, if the sources are still what it was made from and it is there. */
async function stillMade(root, last) {
  if (last === null) return false;
  const now = await sourcesNow(root, last.files);
  if (now === null || hashOf(root, now) !== last.hash) return false;
  return access(join(cacheOf(root), last.bundle)).then(
    () => true,
    () => false,
  );
}

/**
 * Loads the sources, keeping the bytes it bundled (what the hash is of), and writes paths in the
 * code as its source's place, not the bundle's.
 */
function sourcesKept(root, read) {
  return {
    name: 'remdesk-sources-kept',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mjs|js|json)$/ }, async ({ path }) => {
        const bytes = await readFile(path);
        read.set(relative(root, path), bytes);
        const contents = bytes
          .toString('utf8')
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
          .replaceAll('import.meta.filename', JSON.stringify(path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
        return { contents, loader: LOADERS[extname(path)] };
      });
    },
  };
}

/** Bundles the command line; returns the bundle's file name in the cache. */
async function bundle(root) {
  // Loaded only when bundling: most runs find the bundle made.
  const { build } = await import('esbuild');
  const cache = cacheOf(root);
  await mkdir(cache, { recursive: true });
  // Written under names of this process and renamed: another command may be bundling too. In the
  // cache folder itself, as the source map names the sources relative to it.
  const staged = join(cache, `.cli-${process.pid}.mjs`);
  const read = new Map();
  await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    absWorkingDir: root,
    outfile: staged,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages are imported from node_modules, which Node finds from the cache inside it.
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [sourcesKept(root, read)],
  });
  const sources = [...read].sort(([a], [b]) => (a < b ? -1 : 1));
  const hash = hashOf(root, sources);
  const name = `cli.${hash.slice(0, 16)}.mjs`;
  const code = await readFile(staged, 'utf8');
  await writeFile(
    staged,
    code.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${name}.map\n`),
  );
  await rename(`${staged}.map`, join(cache, `${name}.map`));
  await rename(staged, join(cache, name));
  const inputs = { bundle: name, files: sources.map(([file]) => file), hash };
  await writeFile(`${inputsOf(root)}.${process.pid}`, JSON.stringify(inputs));
  await rename(`${inputsOf(root)}.${process.pid}`, inputsOf(root));
  // Earlier bundles go; a command still running one has read it already.
  for (const old of await readdir(cache)) {
    if (BUNDLE_NAME.test(old) && !old.startsWith(name)) await rm(join(cache, old), { force: true });
  }
  return name;
}

/**
 * The command line's bundle for the repository at `root` (cli/main.ts and what it imports), made
 * first when its sources changed; returns its file URL.
 */
export async function cliBundle(root = resolve(import.meta.dirname, '..')) {
  const last = await readFile(inputsOf(root), 'utf8').then(JSON.parse, () => null);
  const name = (await stillMade(root, last)) ? last.bundle : await bundle(root);
  return pathToFileURL(join(cacheOf(root), name)).href;
}
