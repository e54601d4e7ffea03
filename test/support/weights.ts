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
  /** The explorer's page, which alone loads React for its island (docs/site.md). */
  explorerJsGzip: 75 * KB,
  contentScriptGzip: 40 * KB,
} as const;

/** The JavaScript budget of a page of the site, by its path in the site. */
export const jsBudgetOf = (page: string): number =>
  /(^|\/)explorer\/index\.html$/.test(page) ? BUDGETS.explorerJsGzip : BUDGETS.pageJsGzip;

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

/** A module's static imports (`import{a}from"./x.js"`, `import"./x.js"`), minified or not. */
const IMPORTS = /\bimport\s*(?:[\w$*{},\s]*?\bfrom\s*)?["']([^"']+)["']/g;

/** Each HTML page of a built site with its weights; `base` is the site's sub-path (`/` or `/x/`). */
export async function pageWeights(site: string, base = '/'): Promise<PageWeight[]> {
  const all = await filesIn(site);
  const scripts = new Map<string, { gzip: number; imports: string[] }>();
  for (const f of all.filter((f) => f.endsWith('.js'))) {
    const bytes = await readFile(f);
    const address = `${base}${relative(site, f)}`;
    const imports = [...bytes.toString('utf8').matchAll(IMPORTS)].map(
      (m) => new URL(m[1] ?? '', `http://site${address}`).pathname,
    );
    scripts.set(address, { gzip: gzipSync(bytes).length, imports });
  }
  const rows: PageWeight[] = [];
  for (const f of all.filter((f) => f.endsWith('.html'))) {
    const text = await readFile(f, 'utf8');
    let js = 0;
    // Module scripts and the modules of an Astro island, with the modules they import, each once.
    const loaded = new Set<string>();
    const load = (address: string) => {
      if (loaded.has(address)) return;
      loaded.add(address);
      const script = scripts.get(address);
      js += script?.gzip ?? 0;
      for (const imported of script?.imports ?? []) load(imported);
    };
    for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const src = /\bsrc="([^"]+)"/.exec(m[1] ?? '')?.[1];
      if (src) load(src);
      else js += gzipSync(m[2] ?? '').length;
    }
    for (const m of text.matchAll(/<astro-island\b[^>]*>/g)) {
      for (const url of m[0].matchAll(/\b(?:component|renderer|before-hydration)-url="([^"]+)"/g))
        load(url[1] ?? '');
    }
    rows.push({ page: relative(site, f), html: gzipSync(text).length, js });
  }
  return rows;
}

/** The content script's weight, gzip, in a built extension folder. */
export async function contentScriptWeight(build: string): Promise<number> {
  return gzipSync(await readFile(join(build, 'content.js'))).length;
}
