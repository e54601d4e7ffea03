/**
 * `remdesk report`: the report site built from an archive. The renderer is compiled (or found
 * compiled), then worker threads read the archive and render every address into a staging folder,
 * which replaces the output folder only once the whole site is written.
 */
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/index.ts';
import { fixesCacheIn } from '../lib/fixes-cache.ts';
import { type MetricsHistory, readMetricsHistory } from '../lib/load-metrics.ts';
import { type CompiledSite, compileSite, REPO_ROOT } from './compile-site.ts';
import { type RenderOptions, renderSite } from './render-site.ts';

/** Where what each snapshot's fixes.csv decoded to is kept between builds (fixes-cache.ts). */
export const FIXES_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'remdesk-fixes');

export interface SiteOptions {
  /** The archive folder (snapshots/ and history.jsonl). */
  readonly data: string;
  readonly out: string;
  /** The sub-path the site is served under, as `/a/b/` (or `/`). */
  readonly base: string;
  readonly title?: string;
}

export interface SiteProgress {
  /** The renderer is being compiled (the first build after a change to the site's code). */
  compiling(): void;
  /** `total` is null until every thread has listed its pages. */
  rendering(done: number, total: number | null): void;
}

const silent: SiteProgress = { compiling() {}, rendering() {} };

/** Refuses to replace a folder that holds anything but an earlier build of the site. */
async function checkReplaceable(out: string): Promise<void> {
  const names = await readdir(out).catch(() => null);
  if (names === null || names.length === 0 || names.includes('index.json')) return;
  throw new InputError([
    {
      file: out,
      line: null,
      field: null,
      message: 'this folder is not empty and holds no report site (no index.json); choose another --out',
    },
  ]);
}

/** Puts the staged site in place of `out`, keeping the earlier one until the new one is there. */
async function replace(staged: string, out: string): Promise<void> {
  const old = `${staged}.old`;
  const had = await rename(out, old).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return false;
      throw e;
    },
  );
  await rename(staged, out);
  if (had) await rm(old, { recursive: true, force: true });
}

/** Builds the site from an archive; returns how many files it wrote. */
export async function buildSite(o: SiteOptions, progress: SiteProgress = silent): Promise<number> {
  const data = resolve(o.data);
  const out = resolve(o.out);
  await checkReplaceable(out);
  // What the metrics read of every snapshot is read here, in this otherwise idle thread: while the
  // pages compile when they must, else while the rendering threads decode the latest snapshot (it
  // would only hold up finding the compiled renderer). A failure is reported by the render, which
  // waits for it; a compilation that fails first is reported instead.
  const cache = fixesCacheIn(FIXES_CACHE_DIR);
  const stop = new AbortController();
  let history: Promise<MetricsHistory> | null = null;
  const readHistory = (): Promise<MetricsHistory> => {
    if (history === null) {
      history = readMetricsHistory(data, cache, stop.signal);
      history.catch(() => {});
    }
    return history;
  };
  try {
    const site = await compileSite(o.base, () => {
      progress.compiling();
      readHistory();
    });
    const files = await renderInto(out, site, {
      data,
      history: readHistory(),
      base: o.base,
      title: o.title,
      onProgress: progress.rendering,
    });
    await cache.prune();
    return files;
  } finally {
    // A build that failed does not go on reading a history nobody will use.
    stop.abort();
  }
}

/** Renders the site into a folder beside `out`, which replaces `out` once the whole site is written. */
async function renderInto(
  out: string,
  site: CompiledSite,
  options: Omit<RenderOptions, 'out'>,
): Promise<number> {
  await mkdir(dirname(out), { recursive: true });
  const staged = await mkdtemp(join(dirname(out), `.${basename(out)}-`));
  // mkdtemp makes a private folder (0700); a site is published, readable by a web server's user.
  await chmod(staged, 0o755);
  try {
    // Both settled before the folder is removed: a render that fails at once (a bad fixes.csv read
    // meanwhile) would otherwise have the folder removed under the copy still writing into it.
    const [rendered, copied] = await Promise.allSettled([
      renderSite(site, { ...options, out: staged }),
      // The scripts and styles the pages link to, compiled with them.
      cp(site.client, staged, { recursive: true }),
    ]);
    if (rendered.status === 'rejected') throw rendered.reason;
    if (copied.status === 'rejected') throw copied.reason;
    await replace(staged, out);
    return rendered.value;
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}
