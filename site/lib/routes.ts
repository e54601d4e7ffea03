/**
 * Every address of the site, and how a page turns its address back into what it shows. The site is
 * rendered address by address (site/build/render-site.ts): these lists are what gets written, and
 * a page whose parameters name nothing answers 404, which fails the build rather than writing a
 * broken page.
 */
import type { Activity } from '../../core/index.ts';
import { isLang, LANGS, type Lang } from '../i18n/index.ts';
import type { DeviceReport } from './device-report.ts';
import { ACTIVITIES_PER_PAGE, DEVICES_PER_PAGE, pageCount, RECOMMENDATIONS_PER_PAGE } from './pages.ts';
import type { Report } from './report.ts';

/** Pages 2..total of a list (page 1 is the list's own address). */
const laterPages = (prefix: string, total: number): string[] =>
  Array.from({ length: total - 1 }, (_, k) => `${prefix}page/${k + 2}/`);

/**
 * The site's rendered addresses but the device pages and device CSVs, relative to its base: `''`
 * is the root, `en/activities/` a page. The latest snapshot's own files are copied beside them
 * under snapshot/, not rendered.
 */
export function sitePaths(r: Report): string[] {
  const paths = ['', '404', 'index.json', 'csv/activities.csv'];
  for (const lang of LANGS) {
    paths.push(`${lang}/`, `${lang}/exceptions/`);
    paths.push(`${lang}/activities/`, ...laterPages(`${lang}/activities/`, activityPages(r)));
    paths.push(`${lang}/recommendations/`, ...laterPages(`${lang}/recommendations/`, recommendationPages(r)));
    for (const a of r.activities) paths.push(`${lang}/activities/${r.slugs.get(a.id)}/`);
  }
  return paths;
}

/**
 * The addresses of every activity's device list: its CSV and its device pages in each language.
 * Most of a large site, and all they need is a DeviceReport, so another thread renders them.
 */
export function devicePaths(r: DeviceReport): string[] {
  const paths: string[] = [];
  for (const a of r.activities) {
    const slug = r.slugs.get(a.id);
    paths.push(`csv/activities/${slug}.csv`);
    for (const lang of LANGS) {
      for (let n = 1; n <= devicePages(r, a); n++) paths.push(`${lang}/activities/${slug}/devices/${n}/`);
    }
  }
  return paths;
}

export const activityPages = (r: Report): number => pageCount(r.activities.length, ACTIVITIES_PER_PAGE);
export const recommendationPages = (r: Report): number =>
  pageCount(r.recommendationOrder.length, RECOMMENDATIONS_PER_PAGE);
/** An activity's device pages: none when the archive knows no device of it. */
export const devicePages = (r: DeviceReport, a: Activity): number => {
  const rows = r.devicesOf.get(a.id);
  return rows ? pageCount(rows.length, DEVICES_PER_PAGE) : 0;
};

/** The `[lang]` parameter, or null when it is no language of the site. */
export const langParam = (raw: string | undefined): Lang | null => (isLang(raw) ? raw : null);

/** A `[n]` page parameter: a plain number within 1..total, else null. */
export function pageParam(raw: string | undefined, total: number): number | null {
  if (raw === undefined || !/^[1-9][0-9]*$/.test(raw)) return null;
  const n = Number(raw);
  return n <= total ? n : null;
}

/** The activity a `[slug]` parameter names, or null. */
export const activityParam = (r: DeviceReport, raw: string | undefined): Activity | null =>
  (raw === undefined ? undefined : r.bySlug.get(raw)) ?? null;

/** What a page answers when its address names nothing. */
export const notFound = (): Response => new Response(null, { status: 404, statusText: 'Not Found' });
