import { stat } from 'node:fs/promises';
import { buildSite } from '../../site/build/build-site.ts';
import { refuseOutsideLinks } from '../archive/links.ts';
import { refuseOutInArchive } from '../archive/out-path.ts';
import { flag, parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { type Io, shown } from '../io.ts';
import { findChromium, printSummaries } from '../report/summary-pdf.ts';

/** Normalises a --base to `/a/b/`: links are written under it. */
export function normaliseBase(raw: string): string {
  const parts = raw.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..' || /[?#\\\s]/.test(p))) {
    throw new UsageError(`--base must be a plain path like /reports/remediation/, got "${raw}"`);
  }
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/**
 * The site replaces what is at --out, so --out must be a folder of its own: not a file, not the
 * archive or anything in it (its history.jsonl would become the site), not a folder holding it,
 * and not inside any other archive. Checked on real paths before anything is written.
 */
export async function refuseUnsafeOut(data: string, out: string): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info && !info.isDirectory())
    throw new UsageError(`--out ${out} is a file; the site is a folder of files, choose another --out`);
  await refuseOutInArchive(data, out, true);
}

/**
 * The summary pages printed to PDF once the site is in place. The site is whole without them, so
 * a machine without Chromium, or a print that fails, is said on stderr and the report still succeeds.
 */
async function summaryPdfs(out: string, base: string, io: Io): Promise<void> {
  const chromium = await findChromium(process.env.REMDESK_CHROMIUM);
  if ('missing' in chromium) {
    io.err(shown`remdesk report: the summary PDFs are skipped: ${chromium.missing}`);
    return;
  }
  io.progress('printing the summary pages to PDF…');
  try {
    const files = await printSummaries(chromium.path, out, base);
    io.out(shown`${out}: summary PDFs ${files.join(', ')}`);
  } catch (e) {
    io.err(shown`remdesk report: the summary PDFs could not be printed: ${(e as Error).message}`);
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'build the static report site from an archive',
  help: `Usage: remdesk report --data DIR --out DIR [--base /sub/path/] [--title TEXT] [--no-pdf]

Builds the report site (English and Simplified Chinese pages, CSV files and index.json) from the
archive in DIR: its latest snapshot, the one before it for "what changed", and history.jsonl for
the trends. The output is plain files: host it on any web server or share, or try it with
\`remdesk serve OUT\`.

Each language's one-page summary (LANG/summary/) comes with the week's digest to forward beside
it: digest.LANG.md, digest.LANG.html (for a mail) and card.LANG.json (the Teams card \`remdesk
notify\` posts). Once the site is in place, Chromium prints each summary to summary.LANG.pdf there
(REMDESK_CHROMIUM, else /usr/bin/chromium; Chinese needs a CJK font such as Debian's
fonts-noto-cjk). Without Chromium the PDFs are skipped, said on stderr.

The first build after installing (or after a change to the site's code) also compiles the site's
pages, which takes a while; later builds reuse that and only render.

Options:
  --data DIR     archive folder (snapshots/ and history.jsonl)
  --out DIR      folder to write the site to; an earlier site there is replaced once the new
                 one is complete, any other non-empty folder is refused, and so are a file,
                 an archive, a folder in one or holding one
  --base PATH    the sub-path the site will be served under (default /)
  --title TEXT   the site's title (default "Remediation status", translated)
  --no-pdf       do not print the summaries to PDF`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      title: { type: 'string' },
      'no-pdf': { type: 'boolean' },
    });
    const data = requiredString(p, 'data');
    const out = requiredString(p, 'out');
    const base = normaliseBase(stringOption(p, 'base') ?? '/');
    const title = stringOption(p, 'title');
    await refuseUnsafeOut(data, out);
    // The site reads the archive itself (site/lib): a link out of it is refused here first.
    await refuseOutsideLinks(data);
    const started = performance.now();
    io.progress(`reading ${data}…`);
    const files = await buildSite(
      { data, out, base, ...(title === undefined ? {} : { title }) },
      {
        compiling: () => io.progress('compiling the site’s pages (once per version of its code)…'),
        rendering: (done, total) =>
          io.progress(`rendering: ${done}${total === null ? '' : ` of ${total}`} files written`),
      },
    );
    io.out(
      shown`${out}: ${files} files built from ${data} in ${((performance.now() - started) / 1000).toFixed(1)} s (base ${base})`,
    );
    if (!flag(p, 'no-pdf')) await summaryPdfs(out, base, io);
    return 0;
  },
};
