// The week's digest of a report (core's weekDigest over the report's own figures, diff and
// metrics), for the summary page, its files to forward and `remdesk notify`, which all say the same.
import { type Digest, weekDigest } from '../../../../core/index.ts';
import type { Report } from '../../../lib/report.ts';

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
