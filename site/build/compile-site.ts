/**
 * Compiles the site's pages into a renderer (site/renderer/) once per version of the code it is
 * compiled from, and keeps it: building from another archive, or the same archive with one more
 * snapshot, reuses the compiled renderer instead of running Astro and Vite again. A compiled
 * renderer records the files its compilation read (inputs.json), and is reused for as long as
 * they are unchanged (docs/decisions/0005-renderer-cache-keyed-on-what-was-read.md).
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { bundleClientScripts } from './client-scripts.ts';

/** The repository root, where astro.config.mjs and site/ live, wherever the command is run from. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** Inside the project, where Astro resolves its own modules and where build tools keep caches. */
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'remdesk-site');
/** Compiled versions kept: enough for a few bases, or switching between branches. */
const KEEP = 4;

export interface CompiledSite {
  /** The rendering threads' module (site/renderer/thread.ts, compiled with the pages). */
  readonly entry: string;
  /** The client files (scripts, styles) the pages link to, to copy beside the pages. */
  readonly client: string;
}

/**
 * What a compiled renderer was compiled from: the base, which Astro writes into the code, and a
 * fingerprint of every file it depends on, by its path from the repository's root.
 */
export interface Inputs {
  readonly base: string;
  readonly files: Readonly<Record<string, string>>;
}

const INPUTS_FILE = 'inputs.json';

/**
 * What the compilation depends on without reading it as a module: the installed packages (through
 * the lock file) and the configuration.
 */
const CONFIGURATION = ['package-lock.json', 'astro.config.mjs', 'tsconfig.json'];
/**
 * Folders whose listing is itself an input, named with a trailing slash: a new page is a new
 * route, and a new script a new bundle, before anything imports them.
 */
const LISTED = ['site/pages/', 'site/scripts/'];

/** A file's fingerprint (its SHA-256, or `missing`); a listed folder's, the names under it. */
async function fingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  if (path.endsWith('/')) {
    const entries = await readdir(resolve(REPO_ROOT, path), { recursive: true }).catch(() => null);
    if (entries === null) return 'missing';
    hash.update(entries.sort().join('\0'));
  } else {
    const bytes = await readFile(resolve(REPO_ROOT, path)).catch(() => null);
    if (bytes === null) return 'missing';
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** Fingerprints each path once, however many compiled renderers name it. */
function fingerprints(): (path: string) => Promise<string> {
  const memo = new Map<string, Promise<string>>();
  return (path) => {
    let print = memo.get(path);
    if (print === undefined) {
      print = fingerprint(path);
      memo.set(path, print);
    }
    return print;
  };
}

/** Whether a renderer compiled from `inputs` is the one `base` and today's files would compile. */
export async function isCurrent(
  inputs: Inputs,
  base: string,
  print: (path: string) => Promise<string> = fingerprint,
): Promise<boolean> {
  if (inputs.base !== base) return false;
  for (const [path, recorded] of Object.entries(inputs.files)) {
    if ((await print(path)) !== recorded) return false;
  }
  return true;
}

/** The inputs of a compilation of `base` that read `read` (absolute paths). */
export async function inputsOf(base: string, read: Iterable<string>): Promise<Inputs> {
  const paths = new Set([...CONFIGURATION, ...LISTED]);
  for (const file of read) {
    const path = relative(REPO_ROOT, file);
    // Packages are covered by the lock file; anything outside the repository is not ours.
    if (!path.startsWith('..') && !path.split(sep).includes('node_modules')) paths.add(path);
  }
  const files: Record<string, string> = {};
  for (const path of [...paths].sort()) files[path] = await fingerprint(path);
  return { base, files };
}

const compiledIn = (dir: string): CompiledSite => ({
  entry: join(dir, 'server', 'entry.mjs'),
  client: join(dir, 'client'),
});

/** A kept renderer compiled for `base` from today's files, marked as just used; or null. */
async function findCompiled(base: string): Promise<CompiledSite | null> {
  const names = await readdir(CACHE_DIR).catch(() => []);
  const print = fingerprints();
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    const dir = join(CACHE_DIR, name);
    const inputs = await readFile(join(dir, INPUTS_FILE), 'utf8').then(
      (text) => JSON.parse(text) as Inputs,
      () => null,
    );
    if (inputs !== null && (await isCurrent(inputs, base, print))) {
      const now = new Date();
      await utimes(dir, now, now);
      return compiledIn(dir);
    }
  }
  return null;
}

/** Keeps the KEEP most recently used compilations. */
async function prune(): Promise<void> {
  const entries = await readdir(CACHE_DIR, { withFileTypes: true });
  const kept = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map(async (e) => ({
        dir: join(CACHE_DIR, e.name),
        used: (await stat(join(CACHE_DIR, e.name))).mtimeMs,
      })),
  );
  kept.sort((a, b) => b.used - a.used);
  await Promise.all(kept.slice(KEEP).map((k) => rm(k.dir, { recursive: true, force: true })));
}

/** What Astro's build is given (compile-worker.mjs). */
interface AstroOptions {
  readonly root: string;
  readonly outDir: string;
  readonly base: string;
  readonly logLevel: 'warn';
  /** Vite's `define`: what the site's code is told at compile time (site/lib/links.ts). */
  readonly define: Readonly<Record<string, string>>;
}

/**
 * Astro's programmatic build, in a process of its own (compile-worker.mjs); returns the files it
 * read.
 */
function astroBuild(options: AstroOptions): Promise<string[]> {
  // Astro's telemetry would try the network; the build stays offline. Vite takes the mode it
  // bundles packages in from NODE_ENV, which a test runner sets to "test": the explorer would ship
  // React's development build, twice the size. The renderer is always a production build.
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  // Not the flags of the process that builds (a TypeScript loader, an inspector's port).
  const child = fork(new URL('./compile-worker.mjs', import.meta.url), [], { env, execArgv: [] });
  child.send(options);
  type Answer = { ok: true; inputs: string[] } | { ok: false; message: string };
  return new Promise((resolve, reject) => {
    child.once('message', (m: Answer) =>
      m.ok ? resolve(m.inputs) : reject(new Error(`compiling the report site failed: ${m.message}`)),
    );
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`compiling the report site stopped (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/**
 * Compiles the renderer for `base` into a staging folder beside the cache's entries, and renames
 * it into place once whole, so a failed or concurrent compilation never leaves half-written pages
 * to be reused.
 */
async function compile(base: string): Promise<CompiledSite> {
  await mkdir(CACHE_DIR, { recursive: true });
  const staging = join(CACHE_DIR, `.staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    const scripts = await bundleClientScripts(join(REPO_ROOT, 'site', 'scripts'));
    const read = await astroBuild({
      root: REPO_ROOT,
      outDir: staging,
      base,
      logLevel: 'warn',
      define: {
        __REMDESK_BASE__: JSON.stringify(base),
        __REMDESK_SCRIPTS__: JSON.stringify(scripts.paths),
      },
    });
    await scripts.write(compiledIn(staging).client);
    const inputs = await inputsOf(base, [...read, ...scripts.inputs]);
    const text = JSON.stringify(inputs, null, 2);
    await writeFile(join(staging, INPUTS_FILE), text);
    const dir = join(CACHE_DIR, createHash('sha256').update(text).digest('hex').slice(0, 32));
    await rename(staging, dir).catch(async (e: NodeJS.ErrnoException) => {
      // Another build compiled the same code meanwhile: use its copy.
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    });
    await prune();
    return compiledIn(dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The compiled renderer for `base`: reused when the files it was compiled from are unchanged, else
 * compiled (`onCompile` is told first, as compiling the pages takes a while).
 */
export async function compileSite(base: string, onCompile: () => void = () => {}): Promise<CompiledSite> {
  const kept = await findCompiled(base);
  if (kept) return kept;
  onCompile();
  return compile(base);
}
