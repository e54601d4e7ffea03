import { isJsonObject } from './fields.ts';

/**
 * Where a page of the paged exposure export stopped, as the vendor's `$skiptoken` says: base64 of
 * `{"ExportDefinition":{"TimePath":"2021-01-11/1101/"},"ExportFileIndex":0,"LineStoppedAt":5}`
 * (the generation of the export, and the file and line the next page starts at).
 */
export interface ExportPosition {
  readonly timePath: string;
  readonly fileIndex: number;
  readonly line: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The position a next-page link's skip token names; null when it names none this can read. */
export function readSkipToken(nextLink: string): ExportPosition | null {
  let token: string | null;
  try {
    token = new URL(nextLink).searchParams.get('$skiptoken');
  } catch {
    return null;
  }
  if (!token) return null;
  let value: unknown;
  try {
    value = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
  if (!isJsonObject(value)) return null;
  const definition = value.ExportDefinition;
  const timePath = isJsonObject(definition) ? definition.TimePath : undefined;
  const fileIndex = value.ExportFileIndex;
  const line = value.LineStoppedAt;
  if (typeof timePath !== 'string' || !isCount(fileIndex) || !isCount(line)) return null;
  return { timePath, fileIndex, line };
}

/** A page of a paged answer: how many records it held, its next-page link, and what says where it stands. */
export interface ChainPage {
  readonly file: string;
  readonly records: number;
  readonly next: string | null;
  /** 'first', or the address it was fetched from, when the caller knows (see PageAddress). */
  readonly self: string | null;
  readonly stoppedAt: ExportPosition | null;
}

const at = (p: ExportPosition): string => `line ${p.line} of export file ${p.fileIndex}`;

/**
 * Whether the pages given are every page of one answer; what is missing when they are not (empty
 * when whole). The vendor marks only the last page (no `@odata.nextLink`), so the start is shown
 * either by the caller, who fetched the first page itself, or — for pages saved as files — by the
 * skip tokens: ordered by where they stopped, each page must begin where the one before it
 * stopped, the first at the start of the export.
 */
export function pagesShowWhole(pages: readonly ChainPage[]): string[] {
  const last = pages.filter((p) => p.next === null);
  if (last.length === 0) return ['its last page (the one without @odata.nextLink) was not given'];
  if (last.length > 1)
    return [
      `${last.length} pages have no @odata.nextLink (${last.map((p) => p.file).join(', ')}): they end different answers`,
    ];
  if (pages.some((p) => p.self !== null)) return chainFromFirst(pages);
  const linked = pages.filter((p) => p.next !== null);
  // One page without a next link is what the vendor answers when everything fits in one page. (A
  // last page saved alone looks the same: nothing in the vendor's answer tells them apart.)
  if (linked.length === 0) return [];
  const unread = linked.filter((p) => p.stoppedAt === null);
  if (unread.length > 0)
    return [
      `the next-page links of ${unread.map((p) => p.file).join(', ')} carry no skip token that says where they stopped, so the pages cannot be shown to join up`,
    ];
  const positioned = linked as (ChainPage & { stoppedAt: ExportPosition })[];
  const generations = new Set(positioned.map((p) => p.stoppedAt.timePath));
  if (generations.size > 1)
    return [
      `pages of ${generations.size} exports generated at different times (${[...generations].join(', ')})`,
    ];
  positioned.sort(
    (a, b) => a.stoppedAt.fileIndex - b.stoppedAt.fileIndex || a.stoppedAt.line - b.stoppedAt.line,
  );
  let prev: ExportPosition = { timePath: '', fileIndex: 0, line: 0 };
  let prevFile: string | null = null;
  for (const p of positioned) {
    const pos = p.stoppedAt;
    if (pos.fileIndex === prev.fileIndex && pos.line === prev.line && prevFile !== null)
      return [`${p.file} and ${prevFile} are the same page`];
    const joins =
      pos.fileIndex === prev.fileIndex ? pos.line - prev.line === p.records : p.records >= pos.line;
    if (!joins)
      return [
        prevFile === null
          ? `the first page is missing: ${p.file} stopped at ${at(pos)} after ${p.records} records, so it did not start the export`
          : `a page is missing between ${prevFile} (stopped at ${at(prev)}) and ${p.file} (stopped at ${at(pos)} after ${p.records} records)`,
      ];
    prev = pos;
    prevFile = p.file;
  }
  return [];
}

/** Pages whose addresses are known: the chain from the first page must reach the last and hold every page. */
function chainFromFirst(pages: readonly ChainPage[]): string[] {
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
