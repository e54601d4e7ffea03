/**
 * How a page turns its address back into what it shows, and the type of the address lists that sit
 * beside the pages (`_addresses.ts` in each folder of site/pages/, which Astro does not route).
 * The site is rendered address by address (site/renderer/thread.ts): those lists are what gets
 * written, and a page whose parameters name nothing answers 404, which fails the build rather
 * than writing a broken page. Addresses are relative to the site's base: `''` is the root,
 * `en/activities/` a page.
 */
import type { Activity } from '../../core/index.ts';
import { isLang, type Lang } from '../i18n/index.ts';
import type { DeviceReport } from './device-report.ts';
import { ACTIVITIES_PER_PAGE, DEVICES_PER_PAGE, pageCount, RECOMMENDATIONS_PER_PAGE } from './pages.ts';
import type { Report } from './report.ts';

/**
 * The addresses of a folder's pages, listed from what their pages are rendered from: the whole
 * report, or only the device tables (the device lists, most of a large site, which other threads
 * render; site/lib/page-data.ts).
 */
export type Addresses =
  | { readonly from: 'report'; list(r: Report): string[] }
  | { readonly from: 'devices'; list(r: DeviceReport): string[] };

/** Pages 2..total of a list (page 1 is the list's own address). */
export const laterPages = (prefix: string, total: number): string[] =>
  Array.from({ length: total - 1 }, (_, k) => `${prefix}page/${k + 2}/`);

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
