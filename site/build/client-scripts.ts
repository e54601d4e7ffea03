/**
 * The site's client scripts (site/scripts/*.ts), bundled and minified by esbuild when the renderer
 * is compiled instead of by Astro's client build: Vite's Rollup pass over chart.js was about a
 * second of every compile, esbuild takes a tenth of that (docs/site.md). A page names the scripts
 * it needs to its layout (`<Base scripts={['charts']}>`), which links them by the addresses given
 * to the compile as `__REMDESK_SCRIPTS__` (site/lib/links.ts).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

/** Where the scripts go under the site's root (and the compiled renderer's client folder). */
const FOLDER = '_remdesk';

export interface ClientScripts {
  /** Each script's address under the site's base, by name (`charts` → `_remdesk/charts.<hash>.js`). */
  readonly paths: Readonly<Record<string, string>>;
  /** The files bundled, as absolute paths: what the compiled renderer depends on. */
  readonly inputs: readonly string[];
  /** Writes the scripts into a site's (or a compiled renderer's client) folder. */
  write(root: string): Promise<void>;
}

/** Bundles every script of `scriptsDir`; nothing is written until `write`. */
export async function bundleClientScripts(scriptsDir: string): Promise<ClientScripts> {
  const entries = (await readdir(scriptsDir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(scriptsDir, name));
  const outdir = join(scriptsDir, FOLDER);
  const result = await build({
    entryPoints: entries,
    outdir,
    // The hash in the name: a host may cache a script for as long as it likes.
    entryNames: '[name].[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    // What the site supports anyway: module scripts, in browsers of the last few years.
    target: 'es2022',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const paths: Record<string, string> = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint) paths[basename(output.entryPoint, '.ts')] = `${FOLDER}/${basename(file)}`;
  }
  return {
    paths,
    // esbuild names its inputs relative to the working directory.
    inputs: Object.keys(result.metafile.inputs).map((file) => resolve(file)),
    async write(root) {
      for (const file of result.outputFiles) {
        const target = join(root, FOLDER, relative(outdir, file.path));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.contents);
      }
    },
  };
}
