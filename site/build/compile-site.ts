/**
 * Compiles the site's pages into a renderer (site/renderer/) once per version of its code, and
 * keeps it: building from another archive, or the same archive with one more snapshot, reuses the
 * compiled renderer instead of running Astro and Vite again. The code the rendering threads and
 * the pages share is bundled first, in a fraction of a second, so that the threads read the archive
 * while Astro compiles the pages (shared-code.ts).
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { bundleClientScripts } from './client-scripts.ts';
import { bundleSharedCode, threadIn } from './shared-code.ts';

/** The repository root, where astro.config.mjs and site/ live, wherever the command is run from. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** Inside the project, where Astro resolves its own modules and where build tools keep caches. */
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'remdesk-site');
/** Compiled versions kept: enough for a few bases, or switching between branches. */
const KEEP = 4;

export interface CompiledSite {
  /** The rendering threads' code (site/renderer/thread.ts), ready before the pages. */
  readonly thread: string;
  /** The compiled pages: at once when kept from an earlier build, else once Astro is done. */
  readonly pages: Promise<CompiledPages>;
}

export interface CompiledPages {
  /** The pages' entry (site/renderer/entry.ts), which exports Astro's `app`. */
  readonly entry: string;
  /** The client files (scripts, styles) every page links to, to copy beside the pages. */
  readonly client: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)));
}

/**
 * What the compiled renderer depends on: the site's and core's code (site/build/ included, which
 * compiles it), the Astro config, the installed packages (through the lock file), the base path,
 * which Astro writes into the code, and where the repository is.
 */
export async function sourceKey(base: string): Promise<string> {
  const files = [
    'astro.config.mjs',
    'tsconfig.json',
    'package-lock.json',
    ...(await filesUnder('site')),
    ...(await filesUnder('core')),
  ].sort();
  // The compiled pages import the shared code by its address in the cache (compile-worker.mjs).
  const hash = createHash('sha256').update(`base\0${base}\0root\0${REPO_ROOT}\0`);
  for (const file of files) {
    const bytes = await readFile(join(REPO_ROOT, file)).catch(() => null);
    hash.update(`${file}\0${bytes === null ? 'missing' : bytes.length}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 32);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const COMPILER = new URL('./compile-worker.mjs', import.meta.url);

/** What Astro's build is given (compile-worker.mjs). */
interface AstroOptions {
  root: string;
  outDir: string;
  base: string;
  logLevel: 'warn';
  /** Source files the pages import from the shared code instead. */
  shared: Readonly<Record<string, string>>;
}

/**
 * V8 flags for the compilation's process. It runs a large body of code (Astro, Vite, Rollup and
 * Astro's compiler, 5 MB of WebAssembly) once: optimizing it costs more than it returns. Without
 * the optimizing compilers a first build's compilation took 0.5 s less and 1.5 s less CPU, which
 * the rendering threads, reading the archive meanwhile, use. The rendering keeps them.
 */
const ONE_SHOT_FLAGS = ['--max-opt=1', '--liftoff-only'];

/**
 * Astro's programmatic build, in a process of its own (compile-worker.mjs), started before its
 * options are known: loading Astro and Vite takes about a second, spent while the shared code is
 * bundled. `stop` ends it when no build comes.
 */
function startAstro(): { build(options: AstroOptions): Promise<void>; stop(): void } {
  // Astro compiles import.meta.env.BASE_URL into a read of process.env when the variable is set
  // there (vitest sets BASE_URL=/): unset, the base is written into the code, where it belongs.
  // Astro's telemetry would try the network; the build stays offline.
  const env: Record<string, string | undefined> = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  delete env.BASE_URL;
  // Not the flags of the process that builds (a TypeScript loader, an inspector's port): these alone.
  const child = fork(COMPILER, [], { env, execArgv: ONE_SHOT_FLAGS });
  const done = new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ok: true } | { ok: false; message: string }) =>
      m.ok ? resolve() : reject(new Error(`compiling the report site failed: ${m.message}`)),
    );
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`compiling the report site stopped (${signal ?? `exit code ${code}`})`)),
    );
  });
  done.catch(() => {});
  return {
    build(options) {
      child.send(options);
      return done;
    },
    stop: () => void child.kill(),
  };
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

/** What is bundled before Astro compiles the pages: the client scripts, then the shared code. */
async function bundleFirst(base: string, dir: string) {
  await mkdir(dir, { recursive: true });
  const scripts = await bundleClientScripts(join(REPO_ROOT, 'site', 'scripts'));
  // What Astro would give the pages' code, given to the shared code, where that code is.
  const define = {
    'import.meta.env.BASE_URL': JSON.stringify(base),
    __REMDESK_SCRIPTS__: JSON.stringify(scripts.paths),
  };
  return { scripts, shared: await bundleSharedCode(REPO_ROOT, dir, define) };
}

/**
 * The compiled renderer for `base`: reused when the code is unchanged, else compiled (`onCompile`
 * is told first, as compiling the pages takes a while). Returns once the shared code is ready;
 * the pages follow.
 */
export async function compileSite(base: string, onCompile: () => void = () => {}): Promise<CompiledSite> {
  const key = await sourceKey(base);
  const dir = join(CACHE_DIR, key);
  const thread = threadIn(dir);
  const compiled: CompiledPages = {
    entry: join(dir, 'pages', 'server', 'entry.mjs'),
    client: join(dir, 'pages', 'client'),
  };
  if ((await exists(compiled.entry)) && (await exists(thread))) {
    const now = new Date();
    await utimes(dir, now, now);
    return { thread, pages: Promise.resolve(compiled) };
  }
  onCompile();
  const astro = startAstro();
  const { scripts, shared } = await bundleFirst(base, dir).catch((e: unknown) => {
    astro.stop();
    throw e;
  });
  const pages = compilePages(dir, async (staging) => {
    await astro.build({
      root: REPO_ROOT,
      outDir: staging,
      base,
      logLevel: 'warn',
      shared: shared.modules,
    });
    await scripts.write(join(staging, 'client'));
  }).then(() => compiled);
  // The caller awaits the pages; this only keeps a failure it has not reached yet from being
  // reported as unhandled.
  pages.catch(() => {});
  return { thread, pages };
}

/**
 * The pages compiled into `dir`/pages by `compile`: beside their final place and renamed into it,
 * so a failed or concurrent compilation never leaves half-written pages to be reused.
 */
async function compilePages(dir: string, compile: (staging: string) => Promise<void>): Promise<void> {
  const staging = join(dir, `.staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await compile(staging);
    await rename(staging, join(dir, 'pages')).catch(async (e: NodeJS.ErrnoException) => {
      // Another build compiled the same code meanwhile: use its copy.
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await prune();
}
