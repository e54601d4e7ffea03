import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeInWorker } from '../../site/lib/decode-in-worker.ts';
import { preloadArchive, releaseArchive } from '../../site/lib/load-archive.ts';
import { parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';

/** The repository root, where astro.config.mjs and site/ live, wherever the command is run from. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SiteOptions {
  /** The archive folder (snapshots/ and history.jsonl). */
  readonly data: string;
  readonly out: string;
  /** The sub-path the site is served under, e.g. /reports/remediation/. */
  readonly base?: string;
  readonly title?: string;
}

/** Normalises a --base to `/a/b/`: links are written under it. */
export function normaliseBase(raw: string): string {
  const parts = raw.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..' || /[?#\\\s]/.test(p))) {
    throw new UsageError(`--base must be a plain path like /reports/remediation/, got "${raw}"`);
  }
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/**
 * Builds the report site from an archive with Astro's programmatic build and the repository's
 * astro.config.mjs. The pages read the archive through REMDESK_DATA (and the title through
 * REMDESK_TITLE) while they render, in this process.
 */
export async function buildSite(o: SiteOptions): Promise<void> {
  // Astro's telemetry would try the network; the build must stay offline.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const data = resolve(o.data);
  // Decoding the snapshots is most of the data work: it runs in worker threads while Astro loads
  // and compiles, and the pages then find the archive already read (load-archive.ts).
  const archive = preloadArchive(data, decodeInWorker);
  const env = {
    data: process.env.REMDESK_DATA,
    title: process.env.REMDESK_TITLE,
    baseUrl: process.env.BASE_URL,
  };
  // Prerendered pages read import.meta.env from process.env, where a host tool (vitest sets
  // BASE_URL=/) would override --base: the build must see only its own.
  delete process.env.BASE_URL;
  process.env.REMDESK_DATA = data;
  if (o.title !== undefined) process.env.REMDESK_TITLE = o.title;
  else delete process.env.REMDESK_TITLE;
  const outDir = resolve(o.out);
  try {
    const building = import('astro').then(({ build }) =>
      build({ root: REPO_ROOT, outDir, base: normaliseBase(o.base ?? '/'), logLevel: 'warn' }),
    );
    const [read, built] = await Promise.allSettled([archive, building]);
    // A bad archive is reported as core words it, not as the page that first needed it.
    if (read.status === 'rejected') throw read.reason;
    if (built.status === 'rejected') throw built.reason;
  } finally {
    releaseArchive();
    restore('REMDESK_DATA', env.data);
    restore('REMDESK_TITLE', env.title);
    restore('BASE_URL', env.baseUrl);
  }
  // Astro's content layer leaves these empty modules in a static build; they are not part of the site.
  await Promise.all(
    ['content-assets.mjs', 'content-modules.mjs'].map((f) => rm(join(outDir, f), { force: true })),
  );
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'build the static report site from an archive',
  help: `Usage: remdesk report --data DIR --out DIR [--base /sub/path/] [--title TEXT]

Builds the report site (English and Simplified Chinese pages, CSV files and index.json) from the
archive in DIR: its latest snapshot, the one before it for "what changed", and history.jsonl for
the trends. The output is plain files: host it on any web server or share, or try it with
\`remdesk serve OUT\`.

Options:
  --data DIR     archive folder (snapshots/ and history.jsonl)
  --out DIR      folder to write the site to (replaced)
  --base PATH    the sub-path the site will be served under (default /)
  --title TEXT   the site's title (default "Remediation status", translated)`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      title: { type: 'string' },
    });
    const data = requiredString(p, 'data');
    const out = requiredString(p, 'out');
    const base = normaliseBase(stringOption(p, 'base') ?? '/');
    const title = stringOption(p, 'title');
    const started = performance.now();
    io.progress(`building the site from ${data}…`);
    await buildSite({ data, out, base, ...(title === undefined ? {} : { title }) });
    io.out(
      `${out}: site built from ${data} in ${((performance.now() - started) / 1000).toFixed(1)} s (base ${base})`,
    );
    return 0;
  },
};
