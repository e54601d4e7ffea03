/**
 * What a user downloads, against its budget: each page of the report site (its HTML, and the
 * JavaScript it loads, gzip) and the extension's content script (gzip, injected into every portal
 * page). `npm test` holds the budgets; the benchmarks print the same figures at scale.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
export const BUDGETS = {
  pageHtmlGzip: 14 * KB,
  pageJsGzip: 60 * KB,
  contentScriptGzip: 40 * KB,
} as const;

export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} kB`;

/** Every file under `dir`. */
export async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

export interface PageWeight {
  /** The page's path in the site. */
  readonly page: string;
  readonly html: number;
  /** Every script the page loads or holds, gzip. */
  readonly js: number;
}

/** Each HTML page of a built site with its weights; `base` is the site's sub-path (`/` or `/x/`). */
export async function pageWeights(site: string, base = '/'): Promise<PageWeight[]> {
  const all = await filesIn(site);
  const gz = new Map<string, number>();
  for (const f of all.filter((f) => f.endsWith('.js')))
    gz.set(`${base}${relative(site, f)}`, gzipSync(await readFile(f)).length);
  const rows: PageWeight[] = [];
  for (const f of all.filter((f) => f.endsWith('.html'))) {
    const text = await readFile(f, 'utf8');
    let js = 0;
    for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const src = /\bsrc="([^"]+)"/.exec(m[1] ?? '')?.[1];
      js += src ? (gz.get(src) ?? 0) : gzipSync(m[2] ?? '').length;
    }
    rows.push({ page: relative(site, f), html: gzipSync(text).length, js });
  }
  return rows;
}

/** The content script's weight, gzip, in a built extension folder. */
export async function contentScriptWeight(build: string): Promise<number> {
  return gzipSync(await readFile(join(build, 'content.js'))).length;
}
