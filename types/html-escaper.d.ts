// html-escaper ships no types; this is the one function the site and core's digest use.
declare module 'html-escaper' {
  /** `&`, `<`, `>`, `'` and `"` as entities: what Astro itself does to every `{…}` it renders. */
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the package names its one export so.
  export function escape(text: string): string;
}
