import type { Lang } from '../i18n/index.ts';

/** The site's base path, always ending in '/', so the output works under any sub-path (--base). */
export const BASE: string = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** A link inside the site: `href('activities/')` → `/sub/path/activities/`. */
export const href = (path: string): string => `${BASE}${path.replace(/^\//, '')}`;

/** A link to a page in a given language: `pageHref('en', 'activities/')`. */
export const pageHref = (lang: Lang, path = ''): string => href(`${lang}/${path}`);
