import type { Lang } from '../i18n/index.ts';

/**
 * The site's base path, always ending in '/', so the output works under any sub-path (--base).
 * Given to the compile (site/build/compile-site.ts) rather than read from `import.meta.env`, which
 * Astro 6 fills from the environment of the process that compiles (vitest sets BASE_URL=/).
 */
export const BASE: string = __REMDESK_BASE__.replace(/\/?$/, '/');

/** A link inside the site: `href('activities/')` → `/sub/path/activities/`. */
export const href = (path: string): string => `${BASE}${path.replace(/^\//, '')}`;

/** A link to a page in a given language: `pageHref('en', 'activities/')`. */
export const pageHref = (lang: Lang, path = ''): string => href(`${lang}/${path}`);

/** The site's client scripts (site/scripts/), by name. */
export type ClientScript = 'theme' | 'charts' | 'activity-filter' | 'table-sort';

/** A client script's address, bundled when the site was compiled (site/build/client-scripts.ts). */
export function scriptHref(name: ClientScript): string {
  const path = __REMDESK_SCRIPTS__[name];
  if (path === undefined)
    throw new Error(`no client script "${name}" was compiled (site/scripts/${name}.ts)`);
  return href(path);
}
