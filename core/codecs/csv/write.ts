import { neutralise } from './neutralise.ts';

/** UTF-8 byte order mark: Excel needs it to read Chinese text as UTF-8. */
export const BOM = '\ufeff';
/** RFC 4180 line break. Readers also accept LF. */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised against formula injection and quoted when RFC 4180 requires it. */
function csvCell(value: string): string {
  const cell = neutralise(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(',') + CRLF;

/** A whole CSV document: BOM, header, rows, each line ending in CRLF. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const parts = [BOM, csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join('');
}
