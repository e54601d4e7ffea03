/** Splits a long list into pages so no page is heavy (HTML budget: 14 kB gzip). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageOf<T>(items: readonly T[], page: number, size: number): readonly T[] {
  return items.slice((page - 1) * size, page * size);
}

export const ACTIVITIES_PER_PAGE = 100;
export const DEVICES_PER_PAGE = 400;
export const RECOMMENDATIONS_PER_PAGE = 100;

/** The page (1-based) an item falls on. */
export const pageOfIndex = (index: number, size: number): number => Math.floor(Math.max(0, index) / size) + 1;
