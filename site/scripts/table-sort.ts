// Sorts the tables managers compare rows of (`table[data-sortable]`): each column header becomes a
// button; a click sorts the rows by that column, a second click the other way. A cell sorts by its
// `data-sort` (a number core computed, or empty for none, which always goes last) or else its text.
// The table is whole and in core's order in the HTML; this only reorders its rows.
const numeric = /^-?\d+(\.\d+)?$/;

function compare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a.localeCompare(b, document.documentElement.lang);
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
  const body = table.tBodies[0];
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
  if (!body) continue;
  const keyOf = (tr: HTMLTableRowElement, column: number): string => {
    const cell = tr.cells[column];
    return cell?.dataset.sort ?? (cell?.textContent ?? '').trim();
  };
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const rows = [...body.rows].map((tr) => ({ tr, key: keyOf(tr, column) }));
      // None stays last either way; the rest turn round.
      rows.sort((x, y) =>
        x.key === '' || y.key === '' ? compare(x.key, y.key) : compare(x.key, y.key) * (ascending ? 1 : -1),
      );
      body.append(...rows.map((r) => r.tr));
    });
  });
}
