/// <reference types="astro/client" />

/** The client scripts' paths under the site's root, by name, defined when the shared code is bundled (site/build/compile-site.ts). */
declare const __REMDESK_SCRIPTS__: Readonly<Record<string, string>>;

declare namespace App {
  interface Locals {
    /** What the rendering thread read of the archive (site/lib/page-data.ts). */
    readonly remdesk: import('./lib/page-data.ts').PageData;
  }
}
