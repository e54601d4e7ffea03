/**
 * The code the rendering threads and the pages share: core, the site's libraries and strings, and
 * the threads' own entry (site/renderer/thread.ts), bundled by esbuild in a fraction of a second
 * before Astro compiles the pages. The threads start on it at once and read the archive while the
 * pages compile; the pages import these modules instead of having Rollup compile the same code
 * again (about a tenth of the compilation), so a thread holds one copy of it (docs/site.md).
 */
import { readdir, rename, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

export interface SharedCode {
  /** The rendering threads' entry. */
  readonly thread: string;
  /** For each bundled source file (absolute path), the module the pages import instead. */
  readonly modules: Readonly<Record<string, string>>;
}

/** Where a compiled renderer keeps the shared code. */
const sharedDir = (dir: string) => join(dir, 'shared');

/** The threads' entry in a compiled renderer's folder. */
export const threadIn = (dir: string): string => join(sharedDir(dir), 'site', 'renderer', 'thread.mjs');

/** The source files bundled: the entries the pages import, and the threads'. */
async function entries(root: string): Promise<string[]> {
  const lib = (await readdir(join(root, 'site', 'lib')))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(root, 'site', 'lib', name));
  return [
    join(root, 'core', 'index.ts'),
    join(root, 'site', 'i18n', 'index.ts'),
    join(root, 'site', 'renderer', 'thread.ts'),
    ...lib,
  ];
}

/**
 * Bundles the shared code into `dir`/shared. `define` gives what Astro would have given the pages
 * (the base, the client scripts' addresses).
 */
export async function bundleSharedCode(
  root: string,
  dir: string,
  define: Readonly<Record<string, string>>,
): Promise<SharedCode> {
  // Written beside and renamed: a concurrent build of the same code may be running it already.
  const staged = join(dir, `.shared-${process.pid}`);
  const result = await build({
    entryPoints: await entries(root),
    absWorkingDir: root,
    outdir: staged,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Modules shared by several entries are one chunk each: one instance in a thread.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define,
    metafile: true,
    logLevel: 'silent',
  });
  await rename(staged, sharedDir(dir)).catch(async (e: NodeJS.ErrnoException) => {
    // Another build bundled the same code meanwhile: use its copy, the same files.
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    await rm(staged, { recursive: true, force: true });
  });
  const modules: Record<string, string> = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint) {
      modules[resolve(root, output.entryPoint)] = join(sharedDir(dir), relative(staged, resolve(root, file)));
    }
  }
  return { thread: threadIn(dir), modules };
}
