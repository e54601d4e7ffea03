// The week's digest of a report (core's weekDigest over the report's own figures, diff and
// metrics), for the summary page, its files to forward, the PDF and `remdesk notify`, which all say
// the same: shared by the site's pages and the command line, so it sits with the site's libraries.
import { type Digest, type DigestLang, weekDigest } from '../../core/index.ts';
import type { Report } from './report.ts';

// Every page and file of the summary, in both languages, shows the one digest: made once per build.
const made = new WeakMap<Report, Digest>();

export function reportDigest(r: Report): Digest {
  let digest = made.get(r);
  if (digest === undefined) {
    digest = weekDigest({
      state: r.archive.latest.state,
      at: r.archive.latest.at,
      previousAt: r.archive.previous?.at ?? null,
      diff: r.diff,
      figures: r.figures,
      metrics: r.metrics,
    });
    made.set(r, digest);
  }
  return digest;
}
/** The files to forward beside the summary page `/{lang}/summary/`, named with their language. */
export const digestFiles = (lang: DigestLang) =>
  ({
    markdown: `digest.${lang}.md`,
    html: `digest.${lang}.html`,
    card: `card.${lang}.json`,
    /** Printed by `remdesk report` once the site is built (cli/commands/report.ts), not rendered. */
    pdf: `summary.${lang}.pdf`,
  }) as const;
