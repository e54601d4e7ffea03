/** A page of a paged answer: its next-page link, and the address it was fetched from when known. */
export interface ChainPage {
  readonly file: string;
  readonly next: string | null;
  /** 'first', or the address it was fetched from, when the caller knows (see JsonFileOptions). */
  readonly self: string | null;
}

/**
 * Whether the pages given are every page of one answer; what is missing when they are not (empty
 * when whole). The vendor's pages say where the next page starts (`@odata.nextLink`), never where
 * they themselves started, and the last page has no link: a set of pages saved as files can miss
 * the first page, or the page before the last, and look the same. Only the caller that fetched
 * them — the first page from the export's own address, each next one from the link before — knows
 * the chain is unbroken, and says so with each page's address.
 */
export function pagesShowWhole(pages: readonly ChainPage[]): string[] {
  const last = pages.filter((p) => p.next === null);
  if (last.length === 0) return ['its last page (the one without @odata.nextLink) was not given'];
  if (last.length > 1)
    return [
      `${last.length} pages have no @odata.nextLink (${last.map((p) => p.file).join(', ')}): they end different answers`,
    ];
  if (pages.every((p) => p.self === null))
    return [
      'pages saved as files cannot be shown to be every page of their answer (no page says where it started, so a missing first page, or a missing page before the last, cannot be seen): use the via-files export (its listing and every part), or remdesk pull',
    ];
  const bySelf = new Map(pages.map((p) => [p.self, p]));
  const visited = new Set<ChainPage>();
  let page = bySelf.get('first');
  if (!page) return ['the first page was not given'];
  while (page && !visited.has(page)) {
    visited.add(page);
    if (page.next === null) break;
    page = bySelf.get(page.next);
  }
  if (!page || page.next !== null) return ['the pages break off before the last one'];
  if (visited.size !== pages.length)
    return ['some pages are not on the chain from the first page to the last'];
  return [];
}
