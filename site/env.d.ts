/// <reference types="astro/client" />

/** The sub-path the site is served under (--base), given to the compile (site/build/compile-site.ts). */
declare const __REMDESK_BASE__: string;
/** The client scripts' paths under the site's root, by name, given to the compile (site/build/compile-site.ts). */
declare const __REMDESK_SCRIPTS__: Readonly<Record<string, string>>;

declare namespace App {
  interface Locals {
    /** What the rendering thread read of the archive (site/lib/page-data.ts). */
    readonly remdesk: import('./lib/page-data.ts').PageData;
  }
}
